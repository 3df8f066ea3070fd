"""Writes the rollout report on the controller and prints its summary table.

Runs inside Ansible's own process: ansible.builtin.copy would run two modules through a
Python subprocess each (stat, then copy) for the same file, about half a second per write
on an idle machine, which every rollout pays.

Argument: dest, the report's path on the controller (empty: print the summary only).

The report holds every host of the play (ansible_play_hosts_all), in play order: the
fact tdx_outcome of each host judged so far, not_attempted for the others. The write is
atomic (a temporary file in the same folder, then a rename).
"""

import json
import os
import tempfile

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

display = Display()

NOT_ATTEMPTED = {
    "result": "not_attempted",
    "exit_code": None,
    "refusal": None,
    "version_before": None,
    "version_after": None,
    "would_install": None,
    "message": "not attempted: the rollout stopped before this host's batch",
    "duration_s": None,
}

ROW = "%-20s %-24s %-9s %-9s %4s %8s  %s"


def summary_lines(report):
    """The report as a table, one line per host."""
    lines = [ROW % ("host", "result", "before", "after", "exit", "seconds", "message")]
    for host, line in report["hosts"].items():
        message = line.get("message") or ""
        lines.append(
            ROW
            % (
                host,
                line.get("result"),
                line.get("version_before") or "-",
                line.get("version_after") or line.get("would_install") or "-",
                "-" if line.get("exit_code") is None else line.get("exit_code"),
                "-" if line.get("duration_s") is None else line.get("duration_s"),
                message if len(message) <= 160 else message[:157] + "...",
            )
        )
    return lines


def write_atomically(dest, report):
    folder = os.path.dirname(os.path.abspath(dest))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tdx_report.", dir=folder)
    try:
        with os.fdopen(handle, "w") as stream:
            json.dump(report, stream, indent=4)
            stream.write("\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, dest)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        dest = self._task.args.get("dest") or ""
        hostvars = task_vars["hostvars"]
        hosts = {}
        for host in task_vars.get("ansible_play_hosts_all", []):
            outcome = hostvars[host].get("tdx_outcome")
            # A plain copy: the values Ansible hands over may be its own container types.
            hosts[host] = json.loads(json.dumps(outcome, default=str)) if outcome else dict(NOT_ATTEMPTED)
        report = {"check_mode": bool(task_vars.get("ansible_check_mode", False)), "hosts": hosts}
        if dest:
            try:
                write_atomically(dest, report)
            except OSError as error:
                raise AnsibleActionFail(f"cannot write the rollout report {dest}: {error}") from error
        lines = summary_lines(report)
        display.display("\n".join(["TDX module rollout" + (f" (report: {dest})" if dest else "")] + lines))
        result.update(changed=False, dest=dest, summary=lines)
        return result
