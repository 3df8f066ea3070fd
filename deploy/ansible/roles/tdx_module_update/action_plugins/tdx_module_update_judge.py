"""Judges a host from the one JSON object its run task printed, and keeps the judgement as
the host's facts: tdx_status, tdx_plan, tdx_update, tdx_outcome (its line in the report),
tdx_module_update_failed and tdx_module_update_stops.

An action plugin, run inside Ansible's process: it parses the run's output once, where a
set_fact over a filter parsed it again for each fact. (The task costs what that set_fact
cost, about 0.12 s for six hosts on a 2-core machine: Ansible's worker per host.) It
changes nothing itself; the host is `changed` when the judgement says a module was
installed (or would be, in check mode). It never fails the host: the role's report is
written first, then its fail task fails it.

Arguments: run (the registered result of the run task), version (tdx_version).

The run task (templates/tdx_run.sh.j2) prints
    {"status_rc", "list_rc", "update_rc", "update_started", "update_ended",
     "status": <tdxctl status --json>, "list": <tdxctl list --json>, "update": <tdxctl update --json>}
with null for a call that did not run or printed no JSON object. The exit status of
`tdxctl update` decides the result; its JSON gives the rest.
"""

import json

from ansible.plugins.action import ActionBase

# tdxctl's exit statuses and the result each stands for (1 and anything else: error).
RESULTS_BY_EXIT = {
    0: "completed",
    10: "refused",
    11: "failed_harmless",
    12: "failed_fatal",
    13: "recovered",
    14: "timed_out",
    15: "completed_version_stale",
    20: "no_tdx",
}

# Results that fail the host (counted against max_fail_percentage).
FAILING_RESULTS = (
    "bad_variables", "refused", "failed_harmless", "failed_fatal", "recovered", "timed_out", "error", "unreachable")

# Failing results that also stop the rollout before any further batch, whatever the
# percentage: the module and the host's TDs are lost, or the role's variables are unusable.
STOPPING_RESULTS = ("failed_fatal", "bad_variables")

# Results that installed a module.
INSTALLING_RESULTS = ("completed", "completed_version_stale")


def _parsed(run):
    text = (run.get("stdout") or "").strip()
    if not text.startswith("{"):
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _object(value):
    return value if isinstance(value, dict) else {}


def judge(run, version=None):
    """The host's facts (status, plan, update), its report line (outcome), whether it
    changed, fails and stops the rollout, from the registered result of the run task.
    `version` is tdx_version."""
    run = run if isinstance(run, dict) else {}
    out = _parsed(run)
    status = _object(out.get("status"))
    update = _object(out.get("update"))
    status_rc = out.get("status_rc")
    update_rc = out.get("update_rc")
    stderr = (run.get("stderr") or "").strip()

    if run.get("unreachable"):
        result = "unreachable"
        message = (run.get("msg") or "host unreachable").strip()
    elif out.get("variable_problems"):
        result = "bad_variables"
        message = "the role's variables are unusable, nothing ran: " + "; ".join(out["variable_problems"])
    elif status_rc is None:
        result = "error"
        message = " ".join(part for part in ("the run printed no JSON:", (run.get("msg") or "").strip(), stderr) if part)
    elif status_rc == 20:
        result = "no_tdx"
        message = status.get("no_tdx_reason") or "no TDX on this host"
    elif status_rc != 0 or update_rc is None:
        result = "error"
        message = f"tdxctl status exited {status_rc}: {stderr}"
    else:
        refusal = update.get("refusal")
        if update_rc == 0 and update.get("result") == "dry_run":
            result = "dry_run"
        elif update_rc == 10 and refusal == "no_candidate":
            result = "up_to_date"
        elif update_rc == 10 and refusal == "not_eligible" and version and update.get("version_before") == version:
            # tdx_version names the module already running: nothing to do.
            result = "up_to_date"
        else:
            result = RESULTS_BY_EXIT.get(update_rc, "error")
        message = update.get("message") or f"tdxctl update exited {update_rc} without JSON: {stderr}"

    version_before = update.get("version_before") or status.get("module_version")
    target = update.get("target")
    would_install = target if result == "dry_run" and target and target != version_before else None
    started, ended = out.get("update_started"), out.get("update_ended")
    outcome = {
        "result": result,
        "exit_code": update_rc if update_rc is not None else (status_rc or None),
        "refusal": update.get("refusal"),
        "version_before": version_before,
        "version_after": version_before if result == "up_to_date" else update.get("version_after"),
        "would_install": would_install,
        "message": message,
        "duration_s": round(float(ended) - float(started), 3) if started is not None and ended is not None else None,
    }
    return {
        "status": status,
        "plan": out.get("list"),
        "update": update,
        "changed": result in INSTALLING_RESULTS or would_install is not None,
        "failed": result in FAILING_RESULTS,
        "stops": result in STOPPING_RESULTS,
        "outcome": outcome,
    }


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        judged = judge(self._task.args.get("run"), self._task.args.get("version") or None)
        result.update(
            changed=judged["changed"],
            ansible_facts={
                "tdx_status": judged["status"],
                "tdx_plan": judged["plan"],
                "tdx_update": judged["update"],
                "tdx_outcome": judged["outcome"],
                "tdx_module_update_failed": judged["failed"],
                "tdx_module_update_stops": judged["stops"],
            },
        )
        return result
