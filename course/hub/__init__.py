"""The course on JupyterHub: a results service graded on the server, and its client.

- ``protocol``: what a learner's kernel may send (pure; limits, checks, grading).
- ``storage``: where the service keeps rows: SQLite (WAL) or PostgreSQL.
- ``service``: the hub-managed tornado service (``python -m course.hub.service``).
- ``dashboard``: the instructors' live class view (pure view model and HTML).
- ``config``: the pieces of ``jupyterhub_config.py`` the deployment and tests share.

The learner's side (the outbox sent with backoff) is ``course.progress.delivery``:
it runs in the learner's kernel and needs only the standard library.

Importing ``course.hub`` loads nothing heavy; tornado and jupyterhub are
imported by ``service`` only.
"""
