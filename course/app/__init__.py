"""App mode: the course served by Voilà, every lesson with no code in sight.

``voila_config`` configures Voilà (the course's page template, its texts, the
hidden test cells, kernels of closed pages shut down) for the stand-alone app
and for a JupyterHub's single-user servers alike; ``server`` runs the
stand-alone app that ``python -m course app`` starts.

Importing this package does not import Voilà; ``server`` does.
"""

HOME_NOTEBOOK = "home.ipynb"
RENDER_PREFIX = "voila/render"
DEFAULT_PORT = 8866  # Voilà's own default
HOST = "127.0.0.1"

__all__ = ["DEFAULT_PORT", "HOME_NOTEBOOK", "HOST", "RENDER_PREFIX"]
