"""Static file URLs in production: hashed names from the manifest, remembered once worked out."""

import json

import pytest

from backcare.storage import StaticStorage


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}, "hash": "x"})
    )
    return StaticStorage(location=tmp_path, base_url="/static/")


def test_it_gives_the_hashed_name_and_remembers_it(storage, monkeypatch):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    monkeypatch.setattr(storage, "hashed_files", {})  # the manifest is not read again
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_still_an_error(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
