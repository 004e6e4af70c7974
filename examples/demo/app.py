"""Helpdesk triage service: summarises incoming support tickets and drafts replies.

A small but realistic example of how production Python code calls LLM APIs. Tokentier shows a cost
estimate above each call. No API keys are included; the code is never executed by Tokentier.
"""
import os

from openai import OpenAI

from agents import draft_reply, classify_with_langchain

# The default model for ticket summaries, held in a constant the way most codebases do it.
SUMMARY_MODEL = "gpt-4.1-mini"
# Overridable per deployment; Tokentier uses the default when the variable is not set.
TRIAGE_MODEL = os.getenv("TRIAGE_MODEL", "gpt-4o-mini")

client = OpenAI()  # reads OPENAI_API_KEY from the environment

SYSTEM_PROMPT = (
    "You are a support triage assistant. Summarise the customer's ticket in two sentences "
    "and name the product area it concerns."
)


def quick_label(ticket_text: str) -> str:
    """One cheap call per ticket: a short label for the queue view."""
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Reply with a 3-word label for this support ticket."},
            {"role": "user", "content": ticket_text},
        ],
        max_tokens=12,
        temperature=0,
    )
    return response.choices[0].message.content or ""


def summarize(ticket_text: str) -> str:
    response = client.chat.completions.create(
        model=SUMMARY_MODEL,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": ticket_text},
        ],
        max_tokens=200,
    )
    return response.choices[0].message.content or ""


def triage_batch(tickets: list[str]) -> list[str]:
    """Called by the nightly job: one request per ticket, so the cost scales with the batch size."""
    priorities = []
    for ticket in tickets:
        response = client.chat.completions.create(
            model=TRIAGE_MODEL,
            messages=[
                {"role": "system", "content": "Answer P1, P2 or P3 only."},
                {"role": "user", "content": f"Priority of this ticket?\n\n{ticket}"},
            ],
            max_tokens=3,
        )
        priorities.append(response.choices[0].message.content or "P3")
    return priorities


def handle(ticket_text: str) -> dict[str, str]:
    return {
        "label": quick_label(ticket_text),
        "summary": summarize(ticket_text),
        "area": classify_with_langchain(ticket_text),
        "draft": draft_reply(ticket_text),
    }


if __name__ == "__main__":
    print(handle("My invoice for March was charged twice and the export button is greyed out."))
