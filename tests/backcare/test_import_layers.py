"""The apps import each other in one direction only: the table in docs/architecture.md ("The apps
and their imports") says which layer may import which, and this walks every module's imports with
`ast` (imports inside functions too) and fails on any other, so no app imports upward or in a
circle."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("backcare", "exercises", "journal", "learn", "reminders")
HEADING = "## The apps and their imports"


def layer_table():
    """[(layer, its modules, the layers it may import)] from the docs' table, bottom layer first."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("layer", "") or set(cells[0]) <= {"-"}:
            continue
        names = lambda cell: re.findall(r"`([\w.]+)`", cell)  # noqa: E731
        rows.append((cells[0], names(cells[1]), names(cells[2])))
    return rows


def layer_of(module, table):
    """The layer of a dotted module name: the row naming its longest prefix."""
    best, length = None, -1
    for layer, modules, _ in table:
        for prefix in modules:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = layer, len(prefix)
    return best


def imported_modules(path):
    """The project modules `path` imports (any depth: a function's late import counts too)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            for alias in node.names:  # `from journal import selectors` imports journal.selectors
                yield f"{node.module}.{alias.name}"


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            yield ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"), path


def wrong_imports(table, modules):
    allowed = {layer: {layer, *may} for layer, _, may in table}
    wrong = []
    for module, path in modules:
        own = layer_of(module, table)
        for target in imported_modules(path):
            if target.split(".")[0] not in APPS:
                continue
            other = layer_of(target, table)
            if other is not None and other not in allowed[own]:
                wrong.append(f"{module} ({own}) imports {target} ({other})")
    return sorted(set(wrong))


def test_the_docs_table_names_every_app_and_runs_one_way():
    table = layer_table()
    layers = [layer for layer, _, _ in table]
    assert {module.split(".")[0] for _, modules, _ in table for module in modules} == set(APPS)
    # One way: a layer may import only layers listed above it in the table (bottom first).
    for index, (layer, _, may) in enumerate(table):
        assert set(may) <= set(layers[:index]), layer


def test_no_app_imports_upward_or_in_a_circle():
    table = layer_table()
    assert wrong_imports(table, list(app_modules())) == []


def test_an_upward_import_is_found(tmp_path):
    """The smallest breaking change: the user model importing the journal again."""
    table = layer_table()
    upward = tmp_path / "models.py"
    upward.write_text("def first_day(self):\n    from journal.days import floor\n")
    assert wrong_imports(table, [("backcare.models", upward)]) == [
        "backcare.models (base) imports journal.days (journal)",
        "backcare.models (base) imports journal.days.floor (journal)",
    ]
    sideways = tmp_path / "selectors.py"
    sideways.write_text("from reminders import selectors\n")
    assert wrong_imports(table, [("journal.selectors", sideways)]) == [
        "journal.selectors (journal) imports reminders (reminders)",
        "journal.selectors (journal) imports reminders.selectors (reminders)",
    ]
    fine = tmp_path / "views.py"
    fine.write_text("from journal import selectors\nfrom backcare.forms import form_helper\n")
    assert wrong_imports(table, [("reminders.views", fine)]) == []
