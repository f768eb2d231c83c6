"""Convert the record's JSON Schema (`ingest schema`) into a Spark schema.

    ingest schema | python spark_schema.py        # prints the Spark schema as JSON

The JSON Schema stays the one source of truth: the job reads the records back with the
StructType made here, so a field added to the record shows up in Spark without editing the job.
Strings stay strings (timestamps too), so the record's text form is kept exactly; integers are
LongType. Only the JSON Schema constructs zod emits for the record are handled; anything else
is an error naming where it is, rather than a silent guess.
"""
import json
import sys

from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

_SCALARS = {"string": StringType(), "integer": LongType(), "number": DoubleType(), "boolean": BooleanType()}


def _resolve(node, root):
    ref = node.get("$ref")
    if ref is None:
        return node
    if not ref.startswith("#/"):
        raise ValueError(f"cannot follow $ref {ref}")
    target = root
    for part in ref[2:].split("/"):
        target = target[part]
    return _resolve(target, root)


def _convert(node, root, where):
    """(Spark type, nullable) of one JSON Schema node."""
    node = _resolve(node, root)
    for key in ("anyOf", "oneOf"):
        if key in node:
            options = [_resolve(o, root) for o in node[key]]
            nullable = any(o.get("type") == "null" for o in options)
            rest = [o for o in options if o.get("type") != "null"]
            if len(rest) != 1:
                raise ValueError(f"{where}: {key} with {len(rest)} non-null choices has no single Spark type")
            spark_type, inner_nullable = _convert(rest[0], root, where)
            return spark_type, nullable or inner_nullable
    kind = node.get("type")
    nullable = False
    if isinstance(kind, list):
        nullable = "null" in kind
        kinds = [k for k in kind if k != "null"]
        if len(kinds) != 1:
            raise ValueError(f"{where}: type {kind} has no single Spark type")
        kind = kinds[0]
    if kind == "object":
        return to_struct(node, root, where), nullable
    if kind == "array":
        item_type, item_nullable = _convert(node.get("items", {}), root, f"{where}[]")
        return ArrayType(item_type, item_nullable), nullable
    if kind in _SCALARS:
        return _SCALARS[kind], nullable
    if "const" in node or "enum" in node:
        return StringType(), nullable
    raise ValueError(f"{where}: no Spark type for {json.dumps(node)[:80]}")


def to_struct(node, root=None, where="(root)") -> StructType:
    """A StructType for an object schema, fields in the schema's order."""
    root = node if root is None else root
    required = set(node.get("required", []))
    fields = []
    for name, prop in node.get("properties", {}).items():
        spark_type, nullable = _convert(prop, root, f"{where}.{name}" if where != "(root)" else name)
        fields.append(StructField(name, spark_type, nullable or name not in required))
    return StructType(fields)


def record_schema(json_schema: dict) -> StructType:
    """The Spark schema of a record, from the JSON Schema `ingest schema` prints."""
    return to_struct(json_schema)


def _main() -> None:
    schema: DataType = record_schema(json.load(sys.stdin))
    print(json.dumps(json.loads(schema.json()), indent=2))


if __name__ == "__main__":
    _main()
