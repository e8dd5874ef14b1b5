"""JSON Schemas of the missions' JSON fields (checked by the model fields'
validators, so by full_clean in the services and by the API's serializers)."""

from core.validators import MAX_CENTS, JsonSchemaValidator, string_list_schema

MAX_QUESTIONS = 20
MAX_MILESTONES = 20
# the longest mission anyone would plan: ten years of days
MAX_DAYS = 3650

LANGUAGES = JsonSchemaValidator(
    {
        "type": "array",
        "maxItems": 20,
        "items": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z]{2,4})?$"},
    }
)
QUESTIONS = JsonSchemaValidator(
    string_list_schema(max_items=MAX_QUESTIONS, max_length=500)
)
ANSWERS = JsonSchemaValidator(
    string_list_schema(max_items=MAX_QUESTIONS, max_length=5000)
)
MILESTONES = JsonSchemaValidator(
    {
        "type": "array",
        "maxItems": MAX_MILESTONES,
        "items": {
            "type": "object",
            "required": ["title", "amount_cents"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string", "minLength": 1, "maxLength": 200},
                "amount_cents": {"type": "integer", "minimum": 1, "maximum": MAX_CENTS},
                "due_on": {
                    "type": "string",
                    "pattern": r"^\d{4}-\d{2}-\d{2}$",
                },
            },
        },
    }
)
