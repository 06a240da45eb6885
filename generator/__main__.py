"""`python -m generator` is the same as `wil`."""

from generator.cli import main

raise SystemExit(main())
