"""Allow ``python -m spotlint``."""

from spotlint.cli.main import main

if __name__ == "__main__":
    main()
