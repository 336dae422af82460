"""The README's pictures are the browser tests' screenshots, so they show the app as it is."""

import re
from pathlib import Path

from tests.browser.test_readme_screenshots import README_SCREENSHOTS

ROOT = Path(__file__).resolve().parents[2]


def test_every_picture_in_the_readme_is_taken_by_a_browser_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"(?:src=\"|\]\()([^\")]+\.(?:png|jpe?g|gif|webp|svg))", readme)
    assert pictures, "the README shows no pictures any more: update this test"
    assert all(picture.startswith("docs/") for picture in pictures), pictures
    assert {Path(picture).stem for picture in pictures} == README_SCREENSHOTS
    for picture in pictures:
        assert (ROOT / picture).is_file(), picture
