// Internal tooling talks to a self-hosted, OpenAI-compatible server (vLLM, llama.cpp, Ollama…) with plain fetch.
const BASE_URL = process.env.LLM_BASE_URL ?? 'http://localhost:8000';

interface ChatResponse {
  choices: { message: { content: string } }[];
}

export async function tagTicket(ticket: string): Promise<string[]> {
  const res = await fetch(`${BASE_URL}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [
        { role: 'system', content: 'Return up to 3 comma-separated tags for the ticket.' },
        { role: 'user', content: ticket },
      ],
      max_tokens: 24,
    }),
  });
  const data = (await res.json()) as ChatResponse;
  return (data.choices[0]?.message.content ?? '').split(',').map((t) => t.trim()).filter(Boolean);
}
