"""Built-in plugins: the input formats, the YAML packs, the context detector and the
Python rules, one module per pack and named after it (``customer_focus.py`` holds the
``CustomerFocus.*`` rules that need code; the rest are in ``rules/CustomerFocus.yml``).
Each registers through the same hooks as a third-party plugin."""
