"""Our openapi-python-client config and template overrides, on a tiny inline API description.

The description is generated with the real pipeline (`generator.regenerate.build`) into a
temporary package, which the tests import and exercise.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import logging
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import httpx
import pytest

from generator.regenerate import build

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Paint shop", "version": "1"},
    "servers": [{"url": "https://paint.example"}],
    "security": [{"ApiKey": []}],
    "paths": {
        "/paints": {
            "post": {
                "operationId": "createPaint",
                "tags": ["paint"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/PaintParams"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Paint"}}
                        },
                    }
                },
            }
        },
        "/paints/{paint_id}/photo": {
            "post": {
                "operationId": "uploadPhoto",
                "tags": ["paint"],
                "parameters": [
                    {
                        "name": "paint_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "X-Shop",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {"$ref": "#/components/schemas/PhotoUpload"}
                        }
                    },
                },
                "responses": {"204": {"description": "stored"}},
            }
        },
        "/paints/{paint_id}": {
            "get": {
                "operationId": "getPaint",
                "tags": ["paint"],
                "parameters": [
                    {
                        "name": "paint_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "description": "How many coats.",
                        "schema": {"type": "integer", "default": 10},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Paint"}}
                        },
                    }
                },
            }
        },
    },
    "components": {
        "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "Authorization"}},
        "schemas": {
            "PhotoUpload": {
                "type": "object",
                "required": ["photo"],
                "properties": {
                    "photo": {"type": "string", "format": "binary"},
                    "finish": {"$ref": "#/components/schemas/Finish"},
                },
            },
            "Color": {"type": "string", "enum": ["red", "green"]},
            "Coats": {"type": "integer", "enum": [1, 2]},
            "Finish": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "gloss": {"type": "number"},
                    "kind": {"type": "string", "enum": ["matte", "satin"], "default": "matte"},
                },
            },
            "PaintParams": {
                "type": "object",
                "additionalProperties": False,
                "required": ["color"],
                "properties": {
                    "color": {"$ref": "#/components/schemas/Color"},
                    "shade": {"type": "string", "default": "dark", "description": "How dark."},
                    "coats": {"$ref": "#/components/schemas/Coats"},
                    "finish": {"$ref": "#/components/schemas/Finish"},
                    "layers": {"type": "array", "items": {"$ref": "#/components/schemas/Finish"}},
                    "palette": {
                        "type": ["array", "null"],
                        "items": {"$ref": "#/components/schemas/Color"},
                    },
                    "note": {"type": ["string", "null"], "default": None},
                    "dry": {"type": "boolean", "default": False},
                },
            },
            "Paint": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "color"],
                "properties": {
                    "id": {"type": "string"},
                    "color": {"$ref": "#/components/schemas/Color"},
                    "status": {"type": "string", "const": "ok"},
                    "finish": {"$ref": "#/components/schemas/Finish"},
                    "mixed_with": {
                        "oneOf": [{"$ref": "#/components/schemas/Color"}, {"type": "null"}]
                    },
                    "created": {"type": "string", "format": "date-time"},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("tpl")
    spec_dir = root / "spec"
    spec_dir.mkdir()
    (spec_dir / "paint.json").write_text(json.dumps(SPEC), encoding="utf-8")
    package = f"_paint_{uuid.uuid4().hex[:8]}"
    build(spec_dir, root / package)
    sys.path.insert(0, str(root))
    try:
        yield package, root
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def models(generated: tuple[str, Path]) -> ModuleType:
    return importlib.import_module(f"{generated[0]}.rest.models")


def test_unknown_enum_value_parses_and_round_trips(models: ModuleType) -> None:
    paint = models.Paint.from_dict({"id": "p1", "color": "ultraviolet"})
    assert paint.color == "ultraviolet"
    assert isinstance(paint.color, models.Color)
    assert not paint.color.is_known and models.Color.red.is_known
    assert paint.to_dict() == {"id": "p1", "color": "ultraviolet"}
    assert models.Coats(7) == 7 and not models.Coats(7).is_known
    params = models.PaintParams.from_dict(
        {"color": "red", "coats": 3, "palette": ["green", "infrared"]}
    )
    assert params.to_dict() == {"color": "red", "coats": 3, "palette": ["green", "infrared"]}


def test_const_mismatch_and_nullable_union_parse(models: ModuleType) -> None:
    paint = models.Paint.from_dict(
        {"id": "p", "color": "red", "status": "weird", "mixed_with": None}
    )
    assert paint.status == "weird"
    assert paint.mixed_with is None
    assert paint.to_dict()["status"] == "weird"


def test_nulls_the_description_does_not_allow_read_as_none(models: ModuleType) -> None:
    src = {"id": "p", "color": None, "finish": None, "created": "2024-05-01T10:00:00+00:00"}
    paint = models.Paint.from_dict(src)
    assert paint.color is None and paint.finish is None
    # to_dict() leaves None out (0.45.4 sent its models with exclude_none).
    assert paint.to_dict() == {"id": "p", "created": "2024-05-01T10:00:00+00:00"}
    params = models.PaintParams.from_dict({"color": "red", "layers": None, "palette": None})
    assert params.layers is None and params.to_dict() == {"color": "red"}


def test_unknown_fields_are_kept_even_with_additional_properties_false(models: ModuleType) -> None:
    src = {
        "id": "p1",
        "color": "red",
        "brand_new": {"a": [1]},
        "finish": {"gloss": 0.5, "sparkle": True},
    }
    paint = models.Paint.from_dict(src)
    assert paint.additional_properties == {"brand_new": {"a": [1]}}
    assert paint["brand_new"] == {"a": [1]} and "brand_new" in paint
    assert paint.finish.additional_properties == {"sparkle": True}
    assert paint.to_dict() == src


def test_requests_can_carry_parameters_newer_than_the_sdk(models: ModuleType) -> None:
    params = models.PaintParams(color="red", additional_properties={"future_flag": True})
    params["another"] = 1
    assert params.to_dict() == {"color": "red", "future_flag": True, "another": 1}


def test_constructor_is_keyword_only(models: ModuleType) -> None:
    with pytest.raises(TypeError):
        models.PaintParams("red")
    with pytest.raises(TypeError):
        models.PaintParams()  # color is required


def test_models_only_answers_use_take_every_field_as_optional() -> None:
    from generator.codegen_view import response_only_schemas

    # Finish is in a request body too, Color in both; Paint only answers.
    assert response_only_schemas(SPEC) == {"Paint"}


def test_response_only_model_builds_without_its_required_fields(models: ModuleType) -> None:
    paint = models.Paint()
    assert (paint.id, paint.color, paint.to_dict()) == (None, None, {})
    assert models.Paint(id="p1").to_dict() == {"id": "p1"}


def test_spec_defaults_are_not_materialised(
    models: ModuleType, generated: tuple[str, Path]
) -> None:
    assert models.PaintParams(color="red").to_dict() == {"color": "red"}
    assert models.Finish().to_dict() == {}
    doc = models.PaintParams.__doc__ or ""
    assert "How dark." in doc and 'Default: `"dark"`' in doc
    get_paint = importlib.import_module(f"{generated[0]}.rest.api.paint.get_paint")
    assert get_paint.build_request("p 1")["params"] == {}
    assert get_paint.build_request("p 1", limit=3)["params"] == {"limit": 3}
    assert get_paint.build_request("p 1")["url"] == "/paints/p%201"


def test_nested_models_from_plain_values(models: ModuleType) -> None:
    params = models.PaintParams(
        color="green",
        coats=2,
        finish={"gloss": 1.0, "kind": "satin"},
        layers=[{"gloss": 0.1}, models.Finish(gloss=0.2)],
        palette=["red"],
    )
    assert params.color is models.Color.green
    assert params.coats is models.Coats(2)
    assert isinstance(params.finish, models.Finish) and params.finish.kind == "satin"
    assert [type(x) for x in params.layers] == [models.Finish, models.Finish]
    assert params.palette == [models.Color.red]
    assert params == models.PaintParams.from_dict(params.to_dict())
    params.finish = {"gloss": 3.0}  # attrs runs converters on assignment too
    assert isinstance(params.finish, models.Finish)


def test_model_conveniences(models: ModuleType) -> None:
    params = models.PaintParams(color="red", note=None, finish={"gloss": 0.5})
    assert params.to_dict() == {"color": "red", "finish": {"gloss": 0.5}}
    assert params.dict() == params.to_dict() == params.model_dump()
    assert params.dict(exclude_none=True) == {"color": "red", "finish": {"gloss": 0.5}}
    assert params.model_dump(exclude_none=True, by_alias=True) == params.dict(exclude_none=True)
    assert json.loads(params.json()) == params.to_dict()
    assert json.loads(params.model_dump_json(exclude_none=True)) == {
        "color": "red",
        "finish": {"gloss": 0.5},
    }
    assert params.json(indent=2).startswith("{\n  ")


def test_datetime_fields(models: ModuleType) -> None:
    paint = models.Paint.from_dict({"id": "p", "color": "red", "created": "2024-05-01T10:00:00Z"})
    assert paint.created.year == 2024
    assert paint.to_dict()["created"] == "2024-05-01T10:00:00+00:00"


def test_endpoint_modules_only_build_requests(
    generated: tuple[str, Path], models: ModuleType
) -> None:
    package, root = generated
    create_paint = importlib.import_module(f"{package}.rest.api.paint.create_paint")
    # One public function per operation; the stock senders and parsers are not generated, and
    # neither are the httpx clients only they used.
    public = {name for name in vars(create_paint) if not name.startswith("_")}
    assert create_paint.__all__ == ["build_request"]
    assert not public & {"sync", "sync_detailed", "asyncio", "asyncio_detailed"}
    assert not (root / package / "rest" / "client.py").exists()
    assert not (root / package / "rest" / "errors.py").exists()
    # What it builds is what httpx sends.
    kwargs = create_paint.build_request(body=models.PaintParams(color="red", finish={"gloss": 1}))
    request = httpx.Client(base_url="https://paint.example").build_request(**kwargs)
    assert request.method == "POST"
    assert str(request.url) == "https://paint.example/paints"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"color": "red", "finish": {"gloss": 1}}


def test_multipart_bodies_are_encoded_by_httpx_with_its_own_boundary(
    generated: tuple[str, Path], models: ModuleType
) -> None:
    package, _root = generated
    upload_photo = importlib.import_module(f"{package}.rest.api.paint.upload_photo")
    types = importlib.import_module(f"{package}.rest.types")
    body = models.PhotoUpload(
        photo=types.File(
            payload=io.BytesIO(b"\x00+++\x01"), file_name="a.png", mime_type="image/png"
        ),
        finish={"gloss": 0.5},
    )
    body.additional_properties["note"] = "fresh"
    body.additional_properties["tags"] = ["a", "b"]
    kwargs = upload_photo.build_request("p/1", body=body, x_shop="north")
    request = httpx.Client(base_url="https://paint.example").build_request(**kwargs)
    assert str(request.url) == "https://paint.example/paints/p%2F1/photo"
    assert request.headers["X-Shop"] == "north"
    # The header carries the boundary httpx chose (a fixed one could occur in the payload).
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    parts = [p for p in request.read().split(b"--" + boundary) if p.strip(b"-\r\n")]
    heads = [p.split(b"\r\n\r\n", 1)[0] for p in parts]
    bodies = [p.split(b"\r\n\r\n", 1)[1].removesuffix(b"\r\n") for p in parts]
    assert [h.split(b"\r\n")[1] for h in heads] == [
        b'Content-Disposition: form-data; name="photo"; filename="a.png"',
        b'Content-Disposition: form-data; name="finish"',
        b'Content-Disposition: form-data; name="note"',
        b'Content-Disposition: form-data; name="tags"',
    ]
    assert bodies[0] == b"\x00+++\x01"
    assert b"Content-Type: application/json" in heads[1] and json.loads(bodies[1]) == {"gloss": 0.5}
    assert b"Content-Type: text/plain" in heads[2] and bodies[2] == b"fresh"
    assert b"Content-Type: application/json" in heads[3] and json.loads(bodies[3]) == ["a", "b"]


def test_models_package_is_lazy(generated: tuple[str, Path]) -> None:
    package = generated[0]
    code = textwrap.dedent(
        f"""
        import sys
        import {package}.rest.models as m
        assert "httpx" not in sys.modules, "models must not import httpx"
        assert not any(k.startswith("{package}.rest.models.") for k in sys.modules), "eager model import"
        assert m.Paint.__name__ == "Paint"
        assert "{package}.rest.models.paint" in sys.modules
        assert sorted(m.__all__) == sorted(n for n in m.__all__ if hasattr(m, n))
        try:
            m.NoSuchModel
        except AttributeError:
            pass
        else:
            raise SystemExit("expected AttributeError")
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=generated[1], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_generated_code_and_its_use_pass_mypy_strict(generated: tuple[str, Path]) -> None:
    package, root = generated
    usage = root / "usage_check.py"
    usage.write_text(
        textwrap.dedent(
            f"""
            from {package}.rest.models import Color, Finish, Paint, PaintParams

            p = PaintParams(color="red", finish={{"gloss": 1.0}}, layers=[Finish(gloss=1.0), {{"gloss": 2.0}}], palette=["red", Color.green])
            d: dict[str, object] = p.dict(exclude_none=True)
            s: str = p.model_dump_json()
            paint = Paint.from_dict({{"id": "1", "color": "red"}})
            c: Color | None = paint.color
            i: str | None = paint.id
            """
        )
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            package,
            str(usage),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- tolerant reading --------------------------------------------------------------------------


@pytest.fixture
def types_module(generated: tuple[str, Path]) -> Iterator[ModuleType]:
    types = importlib.import_module(f"{generated[0]}.rest.types")
    types.forget_reported_deviations()
    yield types
    types.forget_reported_deviations()


@contextlib.contextmanager
def strict(types: ModuleType) -> Iterator[None]:
    token = types.STRICT_READING.set(True)
    try:
        yield
    finally:
        types.STRICT_READING.reset(token)


def _model_classes(models: ModuleType) -> list[type]:
    return [
        getattr(models, name)
        for name in models.__all__
        if hasattr(getattr(models, name), "from_dict")
    ]


def test_every_model_reads_an_empty_object_as_all_none(
    models: ModuleType, types_module: ModuleType
) -> None:
    classes = _model_classes(models)
    assert {c.__name__ for c in classes} >= {"Paint", "PaintParams", "Finish"}
    for cls in classes:
        empty = cls.from_dict({})
        for field in attrs.fields(cls):
            if field.name != "additional_properties":
                assert getattr(empty, field.name) is None, (cls.__name__, field.name)
        assert empty.to_dict() == {}


def test_missing_required_fields_read_none_and_are_logged_once(
    models: ModuleType, types_module: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        first = models.Paint.from_dict({"color": "red"})
        models.Paint.from_dict({"color": "green"})
    assert first.id is None and first.color is models.Color.red
    messages = [r.getMessage() for r in caplog.records if r.name == "assemblyai.deviations"]
    assert messages == ["Paint.id is missing"]
    assert all(r.levelno == logging.DEBUG for r in caplog.records)
    with strict(types_module), pytest.raises(types_module.ResponseDeviationError) as info:
        models.Paint.from_dict({"color": "red"})
    assert isinstance(info.value, ValueError)
    assert (info.value.model, info.value.field, info.value.kind) == ("Paint", "id", "missing")
    assert "`id`" in str(info.value) and "Paint" in str(info.value)


@pytest.mark.parametrize(
    ("src", "field", "kind"),
    [
        ({"id": 7, "color": "red"}, "id", "type"),  # a number where a string is described
        ({"id": "p", "color": 1}, "color", "type"),
        ({"id": "p", "color": "red", "finish": "glossy"}, "finish", "type"),
        ({"id": "p", "color": "red", "finish": [1]}, "finish", "type"),
        ({"id": "p", "color": "red", "created": "yesterday"}, "created", "type"),
        ({"id": "p", "color": "ultraviolet"}, "color", "enum"),
        ({"id": "p", "color": "red", "brand_new": 1}, "brand_new", "unknown-field"),
        ({"id": None, "color": "red"}, "id", "null"),
    ],
)
def test_values_the_description_does_not_foresee_are_kept_and_reported(
    models: ModuleType,
    types_module: ModuleType,
    caplog: pytest.LogCaptureFixture,
    src: dict[str, Any],
    field: str,
    kind: str,
) -> None:
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        paint = models.Paint.from_dict(src)
    for key, value in src.items():
        read = paint.additional_properties[key] if key == "brand_new" else getattr(paint, key)
        assert read == value, key
    assert len([r for r in caplog.records if f"Paint.{field} " in r.getMessage()]) == 1
    assert paint.to_dict() == {k: v for k, v in src.items() if v is not None}
    with strict(types_module), pytest.raises(types_module.ResponseDeviationError) as info:
        models.Paint.from_dict(src)
    assert (info.value.field, info.value.kind) == (field, kind)


def test_a_float_for_a_number_and_nested_deviations(
    models: ModuleType, types_module: ModuleType
) -> None:
    finish = models.Finish.from_dict({"gloss": 1})  # an integer is a number: no deviation
    assert finish.gloss == 1
    with strict(types_module):
        assert models.Finish.from_dict({"gloss": 0.5, "kind": "satin"}).kind == "satin"
        with pytest.raises(types_module.ResponseDeviationError, match="kind"):
            models.Paint.from_dict({"id": "p", "color": "red", "finish": {"kind": "shiny"}})
    params = models.PaintParams.from_dict({"color": "red", "coats": 1.5, "palette": ["x", 2]})
    assert params.coats == 1.5 and params.palette == ["x", 2]
    with strict(types_module), pytest.raises(types_module.ResponseDeviationError, match="coats"):
        models.PaintParams.from_dict({"color": "red", "coats": 1.5})


def test_well_formed_answers_are_read_strictly_without_error(
    models: ModuleType, types_module: ModuleType
) -> None:
    with strict(types_module):
        paint = models.Paint.from_dict(
            {
                "id": "p",
                "color": "green",
                "status": "ok",
                "finish": {"gloss": 0.5, "kind": "matte"},
                "mixed_with": None,
                "created": "2024-05-01T10:00:00Z",
            }
        )
    assert paint.created.year == 2024 and paint.finish.kind == "matte"
