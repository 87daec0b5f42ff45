"""Allow ``python -m spotlint``."""

from spotlint.cli import main

if __name__ == "__main__":
    main()
