"""Writes the rollout report (JSON) on the controller, inside Ansible's own process.

A task like ansible.builtin.copy would run two modules through a Python subprocess each
(stat, then copy) for the same file: about half a second per write on an idle machine,
paid by every rollout. The write is atomic: a temporary file in the same folder, then a
rename, so a reader never sees half a report.
"""

import json
import os
import tempfile

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    """Arguments: report (a mapping), dest (a path on the controller)."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        report = self._task.args.get("report")
        dest = self._task.args.get("dest")
        if not isinstance(report, dict) or not dest:
            raise AnsibleActionFail("tdx_module_update_report takes report (a mapping) and dest (a path)")
        folder = os.path.dirname(os.path.abspath(dest))
        try:
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tdx_report.", dir=folder)
            with os.fdopen(handle, "w") as stream:
                json.dump(report, stream, indent=4)
                stream.write("\n")
            os.chmod(temporary, 0o644)
            os.replace(temporary, dest)
        except OSError as error:
            raise AnsibleActionFail(f"cannot write the rollout report {dest}: {error}") from error
        result.update(changed=False, dest=dest)
        return result
