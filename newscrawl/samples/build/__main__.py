"""``python -m newscrawl.samples.build``: regenerate ``newscrawl/samples/sites/``."""

from newscrawl.samples.build import main

main()
