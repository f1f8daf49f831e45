# The course's app pages (Voilà) in any Jupyter server that finds this file:
# a JupyterHub learner's server gets it with JUPYTER_CONFIG_PATH pointing at
# this folder (course.paths.app_server_config_dir()); see course.app.voila_config.
from course.app.voila_config import configure

configure(c)  # noqa: F821 - Jupyter gives a config file its `c`
