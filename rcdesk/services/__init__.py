"""Use cases and domain rules, pure Python: no Qt import, ever.

One package per area (see areas.py) and a few shared modules beside them."""
