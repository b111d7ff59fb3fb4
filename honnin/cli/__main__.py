"""`python -m honnin.cli` runs the honnin command."""

from honnin.cli import main

main()
