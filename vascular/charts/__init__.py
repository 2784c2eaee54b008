"""Family charts and exercise sheets for print and the terminal: text, SVG, HTML and PDF.

Renderers of values the library computed (a `FamilyChart`, an exercise set); they compute no code
themselves. Pure functions returning text or bytes; the CLI writes the files.
"""
