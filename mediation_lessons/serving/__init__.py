"""Code that runs inside the Voilà server process (loaded by name from ``voila.json``)."""
