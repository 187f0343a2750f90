"""ModelCompat: the pydantic-style calls (``dict``, ``json``, ``parse_obj``, ...) on attrs models."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

from assemblyai._core.compat import ALIAS_METADATA_KEY, ModelCompat, dump_value
from assemblyai._core.enums import ContentSafetyLabel, SpeechModel
from assemblyai._core.exceptions import ConfigurationError


@attrs.define(kw_only=True)
class Inner(ModelCompat):
    start: int
    end: int | None = None


@attrs.define(kw_only=True)
class Outer(ModelCompat):
    name: str
    model: SpeechModel | None = None
    inner: Inner | None = None
    items: list[Inner] = attrs.field(factory=list)
    scores: dict[ContentSafetyLabel, float] | None = None
    when: dt.datetime | None = None
    source: str | None = attrs.field(default=None, metadata={ALIAS_METADATA_KEY: "from"})


@attrs.frozen(kw_only=True)
class Frozen(ModelCompat):
    value: int
    tags: tuple[str, ...] = ()


@attrs.define
class Generated:
    """Mimics an openapi-python-client model: to_dict/from_dict, ``from_`` and extra keys."""

    text: str
    from_: list[str] | None = None
    speaker: str | None = None
    additional_properties: dict[str, Any] = attrs.field(factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.additional_properties)
        data["text"] = self.text
        if self.from_ is not None:
            data["from"] = self.from_
        if self.speaker is not None:
            data["speaker"] = self.speaker
        return data

    @classmethod
    def from_dict(cls, src: dict[str, Any]) -> GeneratedModel:
        d = dict(src)
        model = GeneratedModel(text=d.pop("text"), from_=d.pop("from", None))
        model.speaker = d.pop("speaker", None)
        model.additional_properties = d
        return model


@attrs.define
class GeneratedModel(Generated, ModelCompat):
    pass


def make_outer() -> Outer:
    return Outer(
        name="n",
        model=SpeechModel.slam_1,
        inner=Inner(start=1),
        items=[Inner(start=2, end=3)],
        scores={ContentSafetyLabel.drugs: 0.5},
        source="s",
    )


def test_dict_renders_enums_as_values_and_nested_models_as_dicts() -> None:
    assert make_outer().dict() == {
        "name": "n",
        "model": "slam-1",
        "inner": {"start": 1, "end": None},
        "items": [{"start": 2, "end": 3}],
        "scores": {"drugs": 0.5},
        "when": None,
        "source": "s",
    }
    data = make_outer().dict()
    assert type(data["model"]) is str
    assert type(next(iter(data["scores"]))) is str


def test_exclude_none_applies_at_every_level() -> None:
    assert make_outer().dict(exclude_none=True) == {
        "name": "n",
        "model": "slam-1",
        "inner": {"start": 1},
        "items": [{"start": 2, "end": 3}],
        "scores": {"drugs": 0.5},
        "source": "s",
    }


def test_by_alias_uses_the_metadata_alias() -> None:
    data = make_outer().dict(by_alias=True, exclude_none=True)
    assert data["from"] == "s"
    assert "source" not in data


def test_include_and_exclude_take_top_level_names() -> None:
    outer = make_outer()
    assert outer.dict(include={"name", "model"}) == {"name": "n", "model": "slam-1"}
    assert set(outer.dict(exclude={"items", "scores", "when"})) == {
        "name",
        "model",
        "inner",
        "source",
    }
    # pydantic also accepts mappings; their keys are the names.
    assert outer.dict(include={"name": True}) == {"name": "n"}


def test_json_and_model_dump_json() -> None:
    outer = Outer(name="n", when=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert json.loads(outer.json(exclude_none=True)) == {
        "name": "n",
        "items": [],
        "when": "2024-01-02T03:04:05+00:00",
    }
    assert outer.json(exclude_none=True, indent=2).startswith("{\n  ")
    assert outer.model_dump_json(exclude_none=True) == outer.json(exclude_none=True)
    assert outer.model_dump(mode="json", exclude_none=True)["when"] == "2024-01-02T03:04:05+00:00"
    assert outer.model_dump(exclude_none=True)["when"] == outer.when


def test_fields_is_a_class_level_mapping_of_names() -> None:
    assert list(Outer.__fields__) == [
        "name",
        "model",
        "inner",
        "items",
        "scores",
        "when",
        "source",
    ]
    assert list(Outer.model_fields) == list(Outer.__fields__)
    assert list(make_outer().__fields__) == list(Outer.__fields__)
    with pytest.raises(TypeError):
        Outer.__fields__["x"] = None  # type: ignore[index]


def test_parse_obj_builds_nested_models_by_name_or_alias_and_ignores_unknown_keys() -> None:
    parsed = Inner.parse_obj({"start": 1, "end": 2, "unknown": "ignored"})
    assert parsed == Inner(start=1, end=2)
    assert Outer.parse_obj({"name": "x", "from": "alias"}).source == "alias"
    assert Outer.model_validate({"name": "x"}) == Outer(name="x")


def test_parse_obj_of_an_instance_returns_a_copy() -> None:
    inner = Inner(start=1)
    copied = Inner.parse_obj(inner)
    assert copied == inner
    assert copied is not inner


@pytest.mark.parametrize("bad", [None, 1, "start=1", [("start", 1)]])
def test_parse_obj_rejects_non_mappings(bad: object) -> None:
    with pytest.raises(ConfigurationError, match="expects a mapping"):
        Inner.parse_obj(bad)


def test_parse_obj_missing_required_field_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="Inner"):
        Inner.parse_obj({"end": 1})


def test_copy_with_update_and_deep() -> None:
    outer = make_outer()
    changed = outer.copy(update={"name": "m"})
    assert (changed.name, outer.name) == ("m", "n")
    assert changed.inner is outer.inner  # shallow by default, like pydantic
    deep = outer.copy(deep=True)
    assert deep == outer
    assert deep.inner is not outer.inner
    assert outer.model_copy(update={"name": "z"}).name == "z"


def test_copy_with_update_works_on_frozen_models() -> None:
    frozen = Frozen(value=1)
    assert frozen.copy(update={"value": 2}) == Frozen(value=2)
    assert frozen.value == 1


def test_generated_style_models_dump_through_to_dict() -> None:
    model = GeneratedModel(text="t", from_=["a"])
    model.additional_properties["new_key"] = 1
    assert model.dict() == {"text": "t", "from_": ["a"], "speaker": None, "new_key": 1}
    assert model.dict(by_alias=True, exclude_none=True) == {
        "text": "t",
        "from": ["a"],
        "new_key": 1,
    }
    assert list(GeneratedModel.__fields__) == ["text", "from_", "speaker"]


def test_generated_style_models_parse_through_from_dict() -> None:
    model = GeneratedModel.parse_obj({"text": "t", "from": ["a"], "extra": True})
    assert model.from_ == ["a"]
    assert model.additional_properties == {"extra": True}


def test_dump_value_handles_plain_containers() -> None:
    assert dump_value((SpeechModel.best, {SpeechModel.nano: {1, 2}})) == [
        "best",
        {"nano": [1, 2]},
    ]
    assert dump_value(Frozen(value=1, tags=("a",))) == {"value": 1, "tags": ["a"]}
