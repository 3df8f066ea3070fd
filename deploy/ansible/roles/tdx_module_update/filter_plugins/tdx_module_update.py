"""Checks the role's variables while the run task's script is templated, on the
controller (templates/tdx_run.sh.j2 calls it first): with a problem, the script runs no
tdxctl and only prints the problems, the host's result is bad_variables, and the rollout
stops after that batch whatever tdx_max_fail_percentage allows.

A filter instead of an assert task: a task costs every batch a round of Ansible's work
(a separate play of it cost a rollout about 0.2 s on a 2-core machine).
"""


def variable_problems(images_dir, trust, timeout, version=None):
    """What is wrong with the variables, one sentence each; empty when they are usable."""
    problems = []
    if not isinstance(images_dir, str) or not images_dir:
        problems.append("tdx_images_dir (a folder of module images on the host) is required")
    if not isinstance(trust, str) or not trust:
        problems.append("tdx_trust must be intel, test or a key fingerprint")
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = 0
    if not seconds > 0:
        problems.append(f"tdx_timeout must be a number of seconds above 0, not {timeout!r}")
    if version is not None and not isinstance(version, str):
        problems.append(f"tdx_version must be a version such as 1.5.16 or empty, not {version!r}")
    return problems


class FilterModule:
    """tdx_module_update_variable_problems."""

    def filters(self):
        return {"tdx_module_update_variable_problems": variable_problems}
