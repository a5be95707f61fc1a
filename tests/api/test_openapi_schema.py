"""The API's OpenAPI schema: served to anyone at /api/v1/openapi.json (it holds no
data), valid OpenAPI, and describing every endpoint, its security and error shape."""

from __future__ import annotations

from openapi_spec_validator import validate


def test_it_serves_a_valid_openapi_schema(api, transactional_db):
    answer = api.get("openapi.json")

    assert answer.status == 200
    schema = answer.json
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"


def test_it_describes_every_endpoint_with_its_security(api, transactional_db):
    schema = api.get("openapi.json").json
    paths = schema["paths"]

    assert set(paths) == {
        "/api/v1/comparisons",
        "/api/v1/comparisons/{pk}/report",
        "/api/v1/comparisons/{pk}/flags",
        "/api/v1/jobs/{pk}",
        "/api/v1/flags/{pk}/decision",
        "/api/v1/stories/{source_id}/copies",
    }
    assert set(paths["/api/v1/comparisons"]) == {"get", "post"}
    for operations in paths.values():
        for operation in operations.values():
            schemes = {name for entry in operation["security"] for name in entry}
            assert schemes == {"TokenAuth", "RoleSessionAuth"}
    bearer = schema["components"]["securitySchemes"]["TokenAuth"]
    assert bearer == {"type": "http", "scheme": "bearer"}


def test_it_documents_the_error_shape(api, transactional_db):
    schema = api.get("openapi.json").json
    error = schema["components"]["schemas"]["Error"]

    assert error["required"] == ["error"]
    decision = schema["paths"]["/api/v1/flags/{pk}/decision"]["post"]["responses"]
    assert {"200", "404", "409", "422"} <= set(decision)
