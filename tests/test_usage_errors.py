"""Mistakes in the marker and the factory fixture fail the test cleanly, with a fix."""

from __future__ import annotations

import pytest

from pytest_hpt_fixtures import TuningJobMock, factories

# The runs below need neither the cache nor hypothesis, which an in-process
# run would import again each time.
LIGHT_RUN = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest")

VALID_KEYWORDS = (
    "name, training_jobs, status, objective_metric, objective_type, strategy, "
    "parameter_ranges, max_parallel_training_jobs, training_job_definitions, region, "
    "account_id, scenario"
)


@pytest.fixture(autouse=True)
def warm_imports() -> None:
    # pytester removes the modules that an in-process run imported, so
    # botocore and Faker are imported here once rather than in every run.
    TuningJobMock(seed=0).add_tuning_job()


def run_test(pytester: pytest.Pytester, source: str) -> str:
    pytester.makepyfile(test_mistake=source)
    result = pytester.runpytest(*LIGHT_RUN, "--hpt-seed=1")
    output = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, output
    return output


def assert_no_plugin_frames(output: str) -> None:
    for module in ("factories.py", "mock.py", "plugin.py", "scenarios.py", "HptUsageError"):
        assert module not in output, output
    assert "During handling of the above exception" not in output, output


def test_marker_unknown_keyword(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        import pytest

        @pytest.mark.hpt_tuning_job(training_job=5)
        def test_job(hpt_tuning_job):
            pass
        """,
    )

    assert "1 error" in output
    assert "@pytest.mark.hpt_tuning_job got unknown keyword training_job." in output
    assert "Did you mean 'training_jobs'?" in output
    assert f"Valid keywords: {VALID_KEYWORDS}." in output
    assert_no_plugin_frames(output)


def test_marker_several_unknown_keywords(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        import pytest

        @pytest.mark.hpt_tuning_job(jobs=5, state="Completed")
        def test_job(hpt_tuning_job):
            pass
        """,
    )

    assert "got unknown keywords jobs, state." in output
    assert_no_plugin_frames(output)


def test_marker_bad_scenario(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        import pytest

        @pytest.mark.hpt_tuning_job(scenario="failed")
        def test_job(hpt_tuning_job):
            pass
        """,
    )

    assert "scenario='failed' is not a scenario." in output
    assert (
        "Use one of: completed, in_progress, all_failed, early_stopped, multi_definition, "
        "warm_start; or pass no scenario." in output
    )
    assert_no_plugin_frames(output)


def test_marker_bad_status(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        import pytest

        @pytest.mark.hpt_tuning_job(status="Running")
        def test_job(hpt_tuning_job):
            pass
        """,
    )

    assert "status='Running' is invalid." in output
    assert "Use one of Completed, InProgress, Failed, Stopped, Stopping" in output
    assert_no_plugin_frames(output)


def test_marker_two_positional_arguments(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        import pytest

        @pytest.mark.hpt_tuning_job("my-job", 20)
        def test_job(hpt_tuning_job):
            pass
        """,
    )

    assert "takes at most one positional argument, the tuning job name" in output
    assert_no_plugin_frames(output)


def test_marker_bad_override_names_field(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        import pytest

        @pytest.mark.hpt_tuning_job(training_jobs=[{"ObjectiveStatus": "Done"}])
        def test_job(hpt_tuning_job):
            pass
        """,
    )

    assert "training_jobs[0].ObjectiveStatus: 'Done' is not one of" in output
    assert_no_plugin_frames(output)


def test_factory_unknown_keyword_points_at_test_line(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        def test_job(hpt_tuning_job_factory):
            hpt_tuning_job_factory(scenaro="completed")
        """,
    )

    assert "hpt_tuning_job_factory got unknown keyword scenaro." in output
    assert "Did you mean 'scenario'?" in output
    assert '>       hpt_tuning_job_factory(scenaro="completed")' in output
    assert_no_plugin_frames(output)


def test_factory_bad_value_points_at_test_line(pytester: pytest.Pytester) -> None:
    output = run_test(
        pytester,
        """
        def test_job(hpt_tuning_job_factory):
            hpt_tuning_job_factory(max_parallel_training_jobs=0)
        """,
    )

    assert "max_parallel_training_jobs=0 is invalid: pass an integer of 1 or more." in output
    assert ">       hpt_tuning_job_factory(max_parallel_training_jobs=0)" in output
    assert_no_plugin_frames(output)


def test_marker_valid_keywords_match_signature() -> None:
    assert ", ".join(factories.add_tuning_job_keywords()) == VALID_KEYWORDS


def test_marker_name_positional_and_keyword_rejected() -> None:
    with pytest.raises(factories.HptUsageError, match="both as a positional argument"):
        factories.marker_arguments([(("a",), {"name": "b"})])


def test_marker_closer_name_wins() -> None:
    args, kwargs = factories.marker_arguments([((), {"name": "test-level"}), (("module",), {})])

    assert args == ()
    assert kwargs == {"name": "test-level"}
