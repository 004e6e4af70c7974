// Customer-facing answers: the Vercel AI SDK for the chat widget, openai-node for knowledge-base titles.
import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';
import OpenAI from 'openai';

const client = new OpenAI(); // reads OPENAI_API_KEY

export async function answerQuestion(question: string, context: string): Promise<string> {
  const { text } = await generateText({
    model: openai('gpt-4o-mini'),
    system: 'Answer using only the knowledge-base context. Say "I don\'t know" when it is not covered.',
    prompt: `Context:\n${context}\n\nQuestion: ${question}`,
    maxTokens: 300,
  });
  return text;
}

export async function titleForArticle(body: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Write a title of at most 8 words for this help-centre article.' },
      { role: 'user', content: body },
    ],
    max_tokens: 20,
  });
  return completion.choices[0]?.message.content ?? '';
}
