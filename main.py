"""Entry point when run from a source checkout: python main.py [options]."""

from rcdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
