"""Reply drafting with Anthropic and ticket classification with LangChain."""
import anthropic
from langchain_openai import ChatOpenAI

anthropic_client = anthropic.Anthropic()  # reads ANTHROPIC_API_KEY

REPLY_GUIDELINES = """Write a friendly, concise reply to the customer. Apologise once, state the next step,
and never promise a refund without a ticket number. Sign as "The Helpdesk team"."""


def draft_reply(ticket_text: str) -> str:
    message = anthropic_client.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=400,
        system=REPLY_GUIDELINES,
        messages=[{"role": "user", "content": ticket_text}],
    )
    return message.content[0].text


classifier = ChatOpenAI(model="gpt-4o", temperature=0)


def classify_with_langchain(ticket_text: str) -> str:
    areas = "billing, export, login, performance, other"
    result = classifier.invoke(f"Which product area ({areas}) does this ticket concern? One word.\n\n{ticket_text}")
    return str(result.content).strip()
