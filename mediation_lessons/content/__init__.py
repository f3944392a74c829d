"""The content layer: from an article's bytes to the parts of a lesson.

Each module does one step and knows nothing of widgets or Jupyter:

- :mod:`.reading`: bytes to text (size limit, encodings, newlines, binary files).
- :mod:`.frontmatter`: split and parse the YAML, TOML or JSON frontmatter block.
- :mod:`.fields`: validate known frontmatter keys, keep unknown ones.
- :mod:`.repair`: fix mojibake and drop duplicated sections.
- :mod:`.images`: turn ``imageSrc``/``imageSrcBase64`` into one safe data URI.
- :mod:`.markdown`: render markdown and sanitize the HTML.
- :mod:`.sections`: split the body into steps at ``##`` headings.
- :mod:`.check`: gather findings for files and folders (the ``check`` command).

:mod:`mediation_lessons.loader` puts the steps together.
"""
