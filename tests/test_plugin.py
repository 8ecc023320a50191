"""The pytest plugin itself, run in isolated pytest sessions through `pytester`."""

from __future__ import annotations

import re

import pytest

pytest_plugins = ["pytester"]


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # A subprocess, so each run imports botocore afresh as a user's run would.
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args)


def test_fixtures_available_without_configuration(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_uses_fixtures(hpt_mock, hpt_tuning_job, hpt_sagemaker_client, hpt_seed, hpt_faker,
                               hpt_tuning_job_factory):
            page = hpt_sagemaker_client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=hpt_tuning_job.name
            )
            assert len(page["TrainingJobSummaries"]) == 10
            assert isinstance(hpt_seed, int)
            assert hpt_faker.training_job_name("job", 3).startswith("job-003-")
            assert hpt_tuning_job_factory(training_jobs=1).name != hpt_tuning_job.name
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_marker_configures_tuning_job(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.hpt_tuning_job(training_jobs=4, status="Failed")

        @pytest.mark.hpt_tuning_job("marked-job", training_jobs=7)
        def test_closest_marker_wins(hpt_tuning_job):
            assert hpt_tuning_job.name == "marked-job"
            assert len(hpt_tuning_job.summaries) == 7
            assert hpt_tuning_job.status == "Failed"

        def test_module_marker_applies(hpt_tuning_job):
            assert len(hpt_tuning_job.summaries) == 4
        """
    )
    run(pytester, "--strict-markers").assert_outcomes(passed=2)


def test_unknown_marker_keyword_names_itself(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.hpt_tuning_job(trainingjobs=3)
        def test_typo(hpt_tuning_job):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*unknown keyword trainingjobs*Valid keywords: name, training_jobs*"]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*factories.py*")


def test_bad_marker_value_says_what_is_allowed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.hpt_tuning_job(status="Done")
        def test_bad_status(hpt_tuning_job):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*status='Done' is invalid. Use one of Completed, InProgress*"])


def test_seed_shown_in_header(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    result = run(pytester, "--hpt-seed=4242")
    result.stdout.fnmatch_lines(["hpt-fixtures: seed 4242 (replay with --hpt-seed=4242)"])


def test_seed_from_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_seed = 77\n")
    pytester.makepyfile("def test_nothing(): pass")
    run(pytester).stdout.fnmatch_lines(["hpt-fixtures: seed 77 *"])


def test_invalid_seed_is_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    result = run(pytester, "--hpt-seed=abc")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--hpt-seed='abc' is not a seed: pass a whole number*"])


def test_failure_report_shows_replay_command(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_fails(hpt_tuning_job):
            assert False
        """
    )
    result = run(pytester, "--hpt-seed=99")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*The generated tuning jobs came from seed 99. Replay them with:",
            "*pytest test_failure_report_shows_replay_command.py::test_fails --hpt-seed=99",
        ]
    )


def test_same_seed_gives_same_data(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_print(hpt_tuning_job):
            print("DATA", hpt_tuning_job.name, hpt_tuning_job.summaries[0]["TrainingJobArn"])
        """
    )
    lines = []
    for _ in range(2):
        result = run(pytester, "--hpt-seed=5", "-s")
        lines.append([line for line in result.outlines if "DATA" in line])
    assert lines[0] == lines[1]
    assert lines[0]


def test_state_does_not_leak_between_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_first(hpt_tuning_job_factory, hpt_mock):
            hpt_tuning_job_factory("leaky-job", training_jobs=2)
            operation = "ListTrainingJobsForHyperParameterTuningJob"
            hpt_mock.inject_error(operation, "ThrottlingException")

        def test_second(hpt_mock, hpt_sagemaker_client):
            assert hpt_mock.tuning_jobs == []
            assert hpt_mock.calls == []
            with pytest.raises(hpt_sagemaker_client.exceptions.ResourceNotFound):
                hpt_sagemaker_client.list_training_jobs_for_hyper_parameter_tuning_job(
                    HyperParameterTuningJobName="leaky-job"
                )

        def test_fake_inactive_after_tests():
            from pytest_hpt_fixtures import _hook
            assert _hook.active_mock() is None
        """
    )
    run(pytester, "-p", "no:randomly").assert_outcomes(passed=3)


def test_client_created_at_import_time_is_served(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        report="""
        import boto3

        SAGEMAKER = boto3.client("sagemaker", region_name="us-east-1")

        def count_training_jobs(name):
            paginator = SAGEMAKER.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
            pages = paginator.paginate(HyperParameterTuningJobName=name)
            return sum(len(page["TrainingJobSummaries"]) for page in pages)
        """,
        test_report="""
        import pytest
        from report import count_training_jobs

        @pytest.mark.hpt_tuning_job(training_jobs=23)
        def test_count(hpt_tuning_job):
            assert count_training_jobs(hpt_tuning_job.name) == 23
        """,
    )
    run(pytester).assert_outcomes(passed=1)


def test_ini_region_and_account(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_region = eu-central-1\nhpt_account_id = 210987654321\n")
    pytester.makepyfile(
        """
        def test_region(hpt_tuning_job, hpt_sagemaker_client):
            assert hpt_sagemaker_client.meta.region_name == "eu-central-1"
            assert hpt_tuning_job.arn.startswith("arn:aws:sagemaker:eu-central-1:210987654321:")
            page = hpt_sagemaker_client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=hpt_tuning_job.name
            )
            assert page["TrainingJobSummaries"]
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_ini_account_serves_plain_boto3_clients(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_account_id = 111111111111\n")
    pytester.makepyfile(
        """
        import boto3

        def list_names(job_name):
            client = boto3.client("sagemaker", region_name="us-east-1")
            page = client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=job_name
            )
            return [summary["TrainingJobName"] for summary in page["TrainingJobSummaries"]]

        def test_first(hpt_tuning_job):
            assert list_names(hpt_tuning_job.name)

        def test_second_with_the_same_default_session(hpt_mock, hpt_tuning_job):
            assert list_names(hpt_tuning_job.name)
            assert hpt_mock.calls[-1].account_id == "111111111111"
        """
    )
    run(pytester).assert_outcomes(passed=2)


def test_invalid_ini_account_is_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_account_id = 12345\n")
    pytester.makepyfile("def test_account(hpt_mock): pass")
    result = run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini hpt_account_id='12345' is invalid: use 12 digits*"])


def test_invalid_ini_region_is_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_region = mars-1\n")
    pytester.makepyfile("def test_region(hpt_mock): pass")
    result = run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini hpt_region='mars-1' is invalid: use a region name*"])


def test_marker_without_fixture_warns(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.hpt_tuning_job(training_jobs=2)
        def test_forgot_fixture(hpt_mock):
            assert hpt_mock.tuning_jobs == []
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(["*has no effect on test_forgot_fixture*add that fixture*"])


def test_api_mistake_reported_at_test_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_bad_ranges(hpt_mock):
            hpt_mock.add_tuning_job(parameter_ranges={"IntegerParameterRanges": [
                {"Name": "depth", "MinValue": "9", "MaxValue": "3"}]})
        """
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*HptUsageError: *MinValue 9.0 must be*"])
    result.stdout.no_fnmatch_line("*factories.py*")
    result.stdout.no_fnmatch_line("*mock.py*")


def test_plugin_can_be_disabled(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_fixture(hpt_mock): pass")
    result = run(pytester, "-p", "no:hpt_fixtures")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'hpt_mock' not found*"])
    assert not re.search(r"hpt-fixtures: seed", result.stdout.str())


def test_decorator_and_context_manager(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        from pytest_hpt_fixtures import active_mock, mock_tuning_jobs

        @mock_tuning_jobs(seed=3)
        def list_from_fresh_fake():
            job = active_mock().add_tuning_job(training_jobs=4)
            client = boto3.client("sagemaker", region_name="us-east-1")
            page = client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=job.name
            )
            return job.name, [s["TrainingJobName"] for s in page["TrainingJobSummaries"]]

        def test_decorator_gives_fresh_deterministic_fake():
            assert list_from_fresh_fake() == list_from_fresh_fake()

        def test_context_manager():
            with mock_tuning_jobs(seed=3) as mock:
                job = mock.add_tuning_job(training_jobs=4)
            assert job.name == list_from_fresh_fake()[0]

        @mock_tuning_jobs
        def test_bare_decorator():
            assert active_mock().tuning_jobs == []

        @mock_tuning_jobs(seed=5)
        class TestDecoratedClass:
            def test_first(self):
                active_mock().add_tuning_job("class-job", training_jobs=1)

            def test_second(self):
                assert active_mock().tuning_jobs == []

        def test_positional_count_gets_hint():
            with mock_tuning_jobs() as mock:
                try:
                    mock.add_tuning_job(5)
                except Exception as error:
                    assert "Did you mean training_jobs=5?" in str(error)
                else:
                    raise AssertionError("a count as the name must be rejected")
        """
    )
    run(pytester).assert_outcomes(passed=6)


def test_fake_credentials_ini_applies_from_start_up(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUSERKEY000000001")
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED", raising=False)
    pytester.makeini("[pytest]\nhpt_fake_credentials = true\n")
    pytester.makepyfile(
        """
        import os

        ENV = os.environ
        AT_IMPORT = (ENV.get("AWS_ACCESS_KEY_ID"), ENV.get("AWS_EC2_METADATA_DISABLED"))

        def test_environment_at_collection():
            assert AT_IMPORT == ("AKIAFAKEENVIRONMENT0", "true")
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_environment_untouched_without_fake_credentials_ini(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUSERKEY000000001")
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED", raising=False)
    pytester.makepyfile(
        """
        import os

        ENV = os.environ
        AT_IMPORT = (ENV.get("AWS_ACCESS_KEY_ID"), ENV.get("AWS_EC2_METADATA_DISABLED"))

        def test_environment_at_collection():
            assert AT_IMPORT == ("AKIAUSERKEY000000001", None)
        """
    )
    run(pytester).assert_outcomes(passed=1)
