"""Unit tests of the role's plugins: how a host's run is judged (action_plugins/
tdx_module_update_judge.py), how the variables are checked (filter_plugins) and how the
report and its table are made (action_plugins/tdx_module_update_report.py). The end-to-end test (e2e.sh) runs
them inside Ansible against served hosts; these pin every result the served hosts do not
produce. Run: python3 -m unittest discover -s deploy/ansible/tests -p 'test_*.py'
"""

import importlib.util
import json
import os
import tempfile
import unittest

ROLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "roles", "tdx_module_update")


def load(relative, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROLE, relative))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


judge_module = load("action_plugins/tdx_module_update_judge.py", "tdx_module_update_judge_action")
filter_module = load("filter_plugins/tdx_module_update.py", "tdx_module_update_filter")
report_module = load("action_plugins/tdx_module_update_report.py", "tdx_module_update_report_action")
judge = judge_module.judge

STATUS = {"tdx": True, "module_version": "1.5.06", "no_tdx_reason": None}
NO_TDX_STATUS = {"tdx": False, "module_version": None, "no_tdx_reason": "this machine has no TDX: ..."}
PLAN = {"selected": "1.5.13", "images": []}


def run(status_rc=0, status=STATUS, update_rc=None, update=None, plan=PLAN, started=100.0, ended=101.25, stderr=""):
    """A registered result of the run task, its stdout built as templates/tdx_run.sh.j2 prints it."""
    out = {
        "status_rc": status_rc,
        "list_rc": 0 if update_rc is not None else None,
        "update_rc": update_rc,
        "update_started": started if update_rc is not None else None,
        "update_ended": ended if update_rc is not None else None,
        "status": status,
        "list": plan if update_rc is not None else None,
        "update": update,
    }
    return {"rc": 0, "stdout": json.dumps(out, indent=2), "stderr": stderr, "changed": False}


def update(result, refusal=None, before="1.5.06", after=None, target=None, message="m"):
    return {
        "result": result,
        "refusal": refusal,
        "version_before": before,
        "version_after": after,
        "target": target,
        "message": message,
    }


class JudgeTests(unittest.TestCase):
    def test_completed_changes_the_host(self):
        judged = judge(run(update_rc=0, update=update("completed", after="1.5.13", target="1.5.13", message="updated")))
        self.assertEqual(judged["outcome"]["result"], "completed")
        self.assertEqual(judged["outcome"]["exit_code"], 0)
        self.assertEqual(judged["outcome"]["version_before"], "1.5.06")
        self.assertEqual(judged["outcome"]["version_after"], "1.5.13")
        self.assertEqual(judged["outcome"]["message"], "updated")
        self.assertEqual(judged["outcome"]["duration_s"], 1.25)
        self.assertTrue(judged["changed"])
        self.assertFalse(judged["failed"])
        self.assertEqual(judged["status"], STATUS)
        self.assertEqual(judged["plan"], PLAN)
        self.assertEqual(judged["update"]["result"], "completed")

    def test_no_candidate_is_up_to_date_and_unchanged(self):
        judged = judge(run(update_rc=10, update=update("refused", "no_candidate", before="1.5.13")))
        self.assertEqual(judged["outcome"]["result"], "up_to_date")
        self.assertEqual(judged["outcome"]["exit_code"], 10)
        self.assertEqual(judged["outcome"]["version_after"], "1.5.13")
        self.assertFalse(judged["changed"])
        self.assertFalse(judged["failed"])

    def test_the_named_version_already_running_is_up_to_date(self):
        refused = run(update_rc=10, update=update("refused", "not_eligible", before="1.5.13"))
        self.assertEqual(judge(refused, "1.5.13")["outcome"]["result"], "up_to_date")
        # Another version not eligible is a refusal that fails the host.
        self.assertEqual(judge(refused, "1.5.16")["outcome"]["result"], "refused")
        self.assertTrue(judge(refused, "1.5.16")["failed"])
        self.assertEqual(judge(refused, "")["outcome"]["result"], "refused")

    def test_other_refusals_fail_the_host(self):
        judged = judge(run(update_rc=10, update=update("refused", "no_remaining_updates")))
        self.assertEqual(judged["outcome"]["result"], "refused")
        self.assertEqual(judged["outcome"]["refusal"], "no_remaining_updates")
        self.assertTrue(judged["failed"])

    def test_exit_status_decides_over_the_json(self):
        for code, result in [(11, "failed_harmless"), (12, "failed_fatal"), (13, "recovered"), (14, "timed_out"),
                             (1, "error"), (64, "error")]:
            with self.subTest(code=code):
                judged = judge(run(update_rc=code, update=update("whatever")))
                self.assertEqual(judged["outcome"]["result"], result)
                self.assertEqual(judged["outcome"]["exit_code"], code)
                self.assertTrue(judged["failed"])
                self.assertEqual(judged["stops"], code == 12, "only a fatal failure stops the rollout")
                self.assertFalse(judged["changed"])

    def test_installed_with_a_stale_version_is_a_change(self):
        judged = judge(run(update_rc=15, update=update("completed_version_stale", after="1.5.06")))
        self.assertEqual(judged["outcome"]["result"], "completed_version_stale")
        self.assertTrue(judged["changed"])
        self.assertFalse(judged["failed"])

    def test_dry_run_says_what_the_host_would_get(self):
        judged = judge(run(update_rc=0, update=update("dry_run", target="1.5.13")))
        self.assertEqual(judged["outcome"]["result"], "dry_run")
        self.assertEqual(judged["outcome"]["would_install"], "1.5.13")
        self.assertIsNone(judged["outcome"]["version_after"])
        self.assertTrue(judged["changed"])
        self.assertFalse(judged["failed"])

    def test_no_tdx_is_skipped_with_its_reason(self):
        judged = judge(run(status_rc=20, status=NO_TDX_STATUS))
        self.assertEqual(judged["outcome"]["result"], "no_tdx")
        self.assertEqual(judged["outcome"]["exit_code"], 20)
        self.assertEqual(judged["outcome"]["message"], "this machine has no TDX: ...")
        self.assertIsNone(judged["outcome"]["duration_s"])
        self.assertFalse(judged["failed"])
        # No update support: status passes, update exits 20.
        judged = judge(run(update_rc=20, update=update("no_tdx", message="no update support")))
        self.assertEqual(judged["outcome"]["result"], "no_tdx")
        self.assertFalse(judged["failed"])

    def test_unreachable_is_reported(self):
        judged = judge({"unreachable": True, "msg": "ssh: connect to host 127.0.0.16 port 2222: Connection refused "})
        self.assertEqual(judged["outcome"]["result"], "unreachable")
        self.assertEqual(judged["outcome"]["message"], "ssh: connect to host 127.0.0.16 port 2222: Connection refused")
        self.assertIsNone(judged["outcome"]["exit_code"])
        self.assertTrue(judged["failed"])
        self.assertFalse(judged["stops"])

    def test_output_without_json_is_an_error(self):
        for stdout in ["", "tdxctl: command not found", "{not json"]:
            with self.subTest(stdout=stdout):
                judged = judge({"rc": 127, "stdout": stdout, "stderr": "sh: 1: tdxctl: not found"})
                self.assertEqual(judged["outcome"]["result"], "error")
                self.assertIn("tdxctl: not found", judged["outcome"]["message"])
                self.assertTrue(judged["failed"])

    def test_status_failure_is_an_error(self):
        judged = judge(run(status_rc=1, status=None, stderr="tdxctl: cannot read /proc/cpuinfo"))
        self.assertEqual(judged["outcome"]["result"], "error")
        self.assertEqual(judged["outcome"]["exit_code"], 1)
        self.assertIn("cannot read /proc/cpuinfo", judged["outcome"]["message"])

    def test_update_without_json_keeps_its_exit_status(self):
        judged = judge(run(update_rc=64, update=None, stderr="Error: --timeout must be between 0 and 86400 seconds"))
        self.assertEqual(judged["outcome"]["result"], "error")
        self.assertIn("--timeout must be", judged["outcome"]["message"])
        self.assertEqual(judged["outcome"]["version_before"], "1.5.06")


class VariableProblemsTests(unittest.TestCase):
    problems = staticmethod(filter_module.variable_problems)

    def test_usable_variables_have_no_problem(self):
        self.assertEqual(self.problems("/srv/tdx", "intel", 300, ""), [])
        self.assertEqual(self.problems("/srv/tdx", "test", "2.5", "1.5.16"), [])

    def test_each_bad_variable_is_named(self):
        cases = [
            (("", "intel", 300, ""), "tdx_images_dir"),
            ((None, "intel", 300, ""), "tdx_images_dir"),
            (("/srv/tdx", "", 300, ""), "tdx_trust"),
            (("/srv/tdx", "intel", 0, ""), "tdx_timeout"),
            (("/srv/tdx", "intel", "soon", ""), "tdx_timeout"),
            (("/srv/tdx", "intel", 300, 1.5), "tdx_version"),
        ]
        for arguments, name in cases:
            with self.subTest(arguments=arguments):
                problems = self.problems(*arguments)
                self.assertEqual(len(problems), 1)
                self.assertIn(name, problems[0])

    def test_every_problem_is_said_at_once(self):
        problems = " ".join(self.problems("", "", -1, ""))
        for name in ("tdx_images_dir", "tdx_trust", "tdx_timeout"):
            self.assertIn(name, problems)

    def test_a_run_that_printed_problems_is_bad_variables_and_fails(self):
        out = {"variable_problems": ["tdx_timeout must be a number of seconds above 0, not 0"]}
        judged = judge({"rc": 0, "stdout": json.dumps(out), "stderr": ""})
        self.assertEqual(judged["outcome"]["result"], "bad_variables")
        self.assertIn("tdx_timeout", judged["outcome"]["message"])
        self.assertIsNone(judged["outcome"]["exit_code"])
        self.assertTrue(judged["failed"])
        self.assertTrue(judged["stops"])
        self.assertFalse(judged["changed"])


class ReportTests(unittest.TestCase):
    def test_summary_has_a_line_per_host_in_play_order(self):
        report = {
            "check_mode": False,
            "hosts": {
                "h2": judge(run(update_rc=12, update=update("failed_fatal", message="module lost")))["outcome"],
                "h1": dict(report_module.NOT_ATTEMPTED),
            },
        }
        lines = report_module.summary_lines(report)
        self.assertEqual(len(lines), 3)
        self.assertTrue(lines[0].startswith("host"))
        self.assertEqual(lines[1].split()[:5], ["h2", "failed_fatal", "1.5.06", "-", "12"])
        self.assertEqual(lines[2].split()[:2], ["h1", "not_attempted"])

    def test_report_is_written_whole(self):
        with tempfile.TemporaryDirectory() as folder:
            dest = os.path.join(folder, "sub", "report.json")
            report = {"check_mode": True, "hosts": {"h1": dict(report_module.NOT_ATTEMPTED)}}
            report_module.write_atomically(dest, report)
            with open(dest) as stream:
                self.assertEqual(json.load(stream), report)
            self.assertEqual(os.listdir(os.path.dirname(dest)), ["report.json"])


if __name__ == "__main__":
    unittest.main()
