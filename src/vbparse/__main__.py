"""``python -m vbparse`` runs the command line."""

from vbparse.cli import main

if __name__ == "__main__":
    main()
