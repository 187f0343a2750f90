"""The sandbox as a tool: settings patching, start/close, the CLI and the pytest fixture."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

from assemblyai._core.settings import settings
from assemblyai.testing import FakeAssemblyAI

ROOT = Path(__file__).resolve().parents[2]


def test_context_manager_points_settings_at_the_fake_and_restores_them() -> None:
    before = (settings.api_key, settings.base_url, settings.polling_interval)
    with FakeAssemblyAI(api_key="k1", polling_interval=0.01) as fake:
        assert settings.base_url == fake.base_url == f"http://127.0.0.1:{fake.port}"
        assert settings.api_key == "k1" == fake.api_key
        assert settings.polling_interval == 0.01
        response = httpx.get(
            settings.base_url + "/v2/transcript", headers={"Authorization": settings.api_key}
        )
        assert response.status_code == 200
    assert (settings.api_key, settings.base_url, settings.polling_interval) == before


def test_settings_are_restored_when_the_block_raises() -> None:
    before = settings.base_url
    with pytest.raises(RuntimeError), FakeAssemblyAI():
        raise RuntimeError
    assert settings.base_url == before


def test_start_and_close_without_with() -> None:
    before = settings.base_url
    fake = FakeAssemblyAI()
    port = fake.port  # bound at construction, before start()
    assert fake.start() is fake and fake.start() is fake
    assert settings.base_url == f"http://127.0.0.1:{port}"
    assert httpx.get(fake.url("v2/transcript")).status_code == 401
    fake.close()
    fake.close()
    assert settings.base_url == before
    with pytest.raises(httpx.ConnectError):
        httpx.get(fake.url("/v2/transcript"), timeout=1)


def test_configure_settings_off_leaves_settings_alone() -> None:
    before = settings.base_url
    with FakeAssemblyAI(configure_settings=False):
        assert settings.base_url == before


def test_two_fakes_get_different_ports() -> None:
    with (
        FakeAssemblyAI(configure_settings=False) as one,
        FakeAssemblyAI(configure_settings=False) as two,
    ):
        assert one.port != two.port


def test_extra_services_start_and_stop_with_the_fake() -> None:
    events: list[str] = []

    class Service:
        def __init__(self, name: str) -> None:
            self.name = name

        def start(self) -> None:
            events.append(f"start {self.name}")

        def close(self) -> None:
            events.append(f"close {self.name}")

    fake = FakeAssemblyAI(configure_settings=False)
    fake.add_service(Service("ws"))
    with fake:
        fake.add_service(Service("late"))
    assert events == ["start ws", "start late", "close late", "close ws"]


def test_ids_repeat_with_a_seed() -> None:
    def first_id(seed: int | None) -> str:
        with FakeAssemblyAI(seed=seed, configure_settings=False) as fake:
            response = httpx.post(
                fake.url("/v2/upload"), content=b"x", headers={"Authorization": fake.api_key}
            )
            return str(response.json()["upload_url"])[-36:]

    assert first_id(1) == first_id(1) != first_id(2)
    assert first_id(None) != first_id(None)


def test_cli_serve_answers_and_stops() -> None:
    command = [
        sys.executable,
        "-m",
        "assemblyai.testing",
        "serve",
        "--port",
        "0",
        "--api-key",
        "cli-key",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            assert first.startswith("FakeAssemblyAI serving at http://127.0.0.1:")
            base_url = first.split(" at ")[1].strip()
            assert process.stdout.readline().strip() == "API key: cli-key"
            response = httpx.get(base_url + "/v2/transcript", headers={"Authorization": "cli-key"})
            assert response.status_code == 200
            assert httpx.get(base_url + "/v2/transcript").status_code == 401
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert process.returncode == 0


def test_cli_usage_errors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assemblyai.testing"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2 and "serve" in result.stderr


def test_the_pytest_fixture(assemblyai_fake: FakeAssemblyAI) -> None:
    assert settings.base_url == assemblyai_fake.base_url
    assert settings.api_key == assemblyai_fake.api_key
    response = httpx.get(
        settings.base_url + "/v2/transcript", headers={"Authorization": settings.api_key or ""}
    )
    assert response.status_code == 200


@pytest.mark.assemblyai_fake(processing_time=0, api_key="marked")
def test_the_pytest_fixture_takes_options_from_a_marker(assemblyai_fake: FakeAssemblyAI) -> None:
    assert assemblyai_fake.api_key == "marked" and assemblyai_fake.processing_time == 0


def test_the_pytest_fixture_fails_a_test_that_breaks_the_spec(tmp_path: Path) -> None:
    test_file = tmp_path / "test_strict.py"
    test_file.write_text(
        textwrap.dedent(
            """
            import httpx

            def test_bad(assemblyai_fake):
                httpx.post(assemblyai_fake.url("/v2/transcript"), json={"audio_url": 1},
                           headers={"Authorization": assemblyai_fake.api_key})

            def test_good(assemblyai_fake):
                httpx.get(assemblyai_fake.url("/v2/transcript"),
                          headers={"Authorization": assemblyai_fake.api_key})
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1, result.stdout
    # test_bad's body passes; its teardown reports the violation as an error.
    assert "2 passed, 1 error" in result.stdout
    assert "ERROR test_strict.py::test_bad" in result.stdout
    assert "/audio_url: 1 is not of type string" in result.stdout


def test_importing_the_sdk_does_not_import_the_sandbox() -> None:
    code = "import sys, assemblyai; assert 'assemblyai.testing' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_closed_fake_hangs_up_on_kept_alive_connections() -> None:
    fake = FakeAssemblyAI(configure_settings=False).start()
    with httpx.Client(base_url=fake.base_url, headers={"Authorization": fake.api_key}) as client:
        assert client.get("/v2/transcript").status_code == 200  # the connection is now pooled
        fake.close()
        with pytest.raises(httpx.TransportError):
            client.get("/v2/transcript")
    with pytest.raises(RuntimeError, match="closed"):
        fake.start()


def test_settings_overrides_for_extra_services() -> None:
    before = settings.streaming_host
    fake = FakeAssemblyAI()
    fake.settings_overrides["streaming_host"] = "ws://127.0.0.1:9"
    with fake:
        assert settings.streaming_host == "ws://127.0.0.1:9"
    assert settings.streaming_host == before


def test_a_never_started_fake_releases_its_port() -> None:
    fake = FakeAssemblyAI(configure_settings=False)
    fake.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(fake.url("/v2/transcript"), timeout=1)


def test_public_names() -> None:
    import assemblyai.testing as testing

    assert testing.__all__ == sorted(testing.__all__, key=lambda n: (not n.isupper(), n))
    assert set(testing.__all__) == {
        "PLACEHOLDER_TEXT",
        "FakeAssemblyAI",
        "FaultRule",
        "Faults",
        "RecordedRequest",
        "ResponseStyle",
        "RoutePattern",
        "SpecViolationError",
        "StreamFaultRule",
        "StreamFaults",
        "StreamingSession",
        "TokenRecord",
        "Violation",
        "default_documents",
    }


def test_a_sandbox_crash_is_a_500_and_a_response_error() -> None:
    with FakeAssemblyAI(configure_settings=False) as fake:

        def broken(*args: object) -> object:
            raise ZeroDivisionError("boom")

        fake._app._handlers["listTranscripts"] = broken  # type: ignore[assignment]
        response = httpx.get(fake.url("/v2/transcript"), headers={"Authorization": fake.api_key})
        assert response.status_code == 500 and "boom" in response.json()["error"]
        assert "ZeroDivisionError: boom" in fake.response_errors[0]
