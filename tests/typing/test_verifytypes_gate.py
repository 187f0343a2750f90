"""The ``make verifytypes`` gate reads pyright's report right and fails under its floor."""

from __future__ import annotations

import pytest

from tests.typing.verifytypes import MINIMUM, check, incomplete_symbols, score_of


def _report(score: float, known: int = 10, ambiguous: int = 0) -> dict[str, object]:
    return {
        "typeCompleteness": {
            "completenessScore": score,
            "exportedSymbolCounts": {
                "withKnownType": known,
                "withAmbiguousType": ambiguous,
                "withUnknownType": 0,
            },
            "symbols": [
                {
                    "name": "assemblyai.Lemur.task_async",
                    "isExported": True,
                    "isTypeKnown": True,
                    "isTypeAmbiguous": True,
                    "diagnostics": [
                        {"message": 'No docstring found for function "task_async"'},
                        {"message": "Type is missing type annotation\nand more"},
                    ],
                },
                {
                    "name": "assemblyai.Transcript",
                    "isExported": True,
                    "isTypeKnown": True,
                    "isTypeAmbiguous": False,
                    "diagnostics": [],
                },
            ],
        }
    }


def test_a_score_at_the_floor_passes() -> None:
    ok, message = check(_report(MINIMUM))
    assert ok and "95.0%" in message


def test_a_score_under_the_floor_fails_and_names_what_to_fix() -> None:
    ok, message = check(_report(0.94, ambiguous=1))
    assert not ok
    assert "94.0%" in message
    assert "assemblyai.Lemur.task_async: Type is missing type annotation" in message
    assert "docstring" not in message  # docstrings do not count in the score


def test_only_ambiguous_or_unknown_public_symbols_are_listed() -> None:
    assert incomplete_symbols(_report(0.5)) == [
        "assemblyai.Lemur.task_async: Type is missing type annotation"
    ]


def test_a_package_pyright_could_not_find_is_an_error_not_a_zero_score() -> None:
    with pytest.raises(ValueError, match="no public symbols"):
        score_of(_report(0.0, known=0))


def test_a_report_without_a_score_is_an_error() -> None:
    with pytest.raises(ValueError, match="typeCompleteness"):
        score_of({"generalDiagnostics": []})
