"""Satisfaction surveys (écoute client): questionnaires, campaigns, responses, NPS with its
margin, the importance × satisfaction mapping, the staff mirror. The façade the CLI, the
reports and the UI call; `area.py` is the area as the rest of rcdesk sees it."""

from rcdesk.services.surveys.campaigns import (  # noqa: F401
    CHANNELS,
    Answer,
    CampaignRow,
    ResponseInput,
    create_campaign,
    delete_campaign,
    delete_response,
    get_campaign,
    list_campaigns,
    parse_answer,
    record_response,
    update_campaign,
)
from rcdesk.services.surveys.questionnaires import (  # noqa: F401
    AUDIENCES,
    CRITERION,
    KINDS,
    MULTIPLE,
    NPS,
    RATING,
    SINGLE,
    TEMPLATES,
    TEXT,
    YESNO,
    QuestionInput,
    QuestionnaireRow,
    QuestionRow,
    add_question,
    create_from_template,
    create_questionnaire,
    delete_question,
    delete_questionnaire,
    get_questionnaire,
    list_questionnaires,
    move_question,
    template_questions,
    update_question,
    update_questionnaire,
)
