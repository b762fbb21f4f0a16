"""PyInstaller runtime hook: refuse to start a frozen build whose openpyxl would parse XML without defusedxml.

openpyxl protects itself against entity bombs and XXE only when it can import defusedxml (``openpyxl.DEFUSEDXML``);
a build that lost the package would import hostile spreadsheets silently, so it must not run at all.
"""

import openpyxl

if not openpyxl.DEFUSEDXML:
    raise SystemExit(
        "ROPA Desktop: this build is broken: openpyxl cannot use defusedxml, so spreadsheets cannot be read safely."
        " / Cette version est défectueuse : openpyxl ne peut pas utiliser defusedxml."
    )
