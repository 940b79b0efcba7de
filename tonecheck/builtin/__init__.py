"""Built-in plugins: the YAML packs, the context detector and the Python rules,
one module per category. Each registers through the same hooks as a third-party plugin."""
