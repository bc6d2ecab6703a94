// The AWS SDK for JavaScript v3 against the gateway: one Converse and one ConverseStream, the bearer token from
// AWS_BEARER_TOKEN_BEDROCK (the SDK reads it itself), the endpoint from GATEWAY. Prints the usage it saw as JSON.
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";

const client = new BedrockRuntimeClient({ region: "us-east-1", endpoint: process.env.GATEWAY });
const modelId = "us.anthropic.claude-sonnet-4-6";
const converse = await client.send(new ConverseCommand({
  modelId,
  messages: [{ role: "user", content: [{ text: "Hello from the JavaScript SDK" }] }],
}));
const stream = await client.send(new ConverseStreamCommand({
  modelId,
  messages: [{ role: "user", content: [{ text: "Stream to the JavaScript SDK" }] }],
}));
let streamUsage = null;
let text = "";
for await (const event of stream.stream) {
  if (event.contentBlockDelta) text += event.contentBlockDelta.delta.text;
  if (event.metadata) streamUsage = event.metadata.usage;
}
console.log(JSON.stringify({ converse: converse.usage, stream: streamUsage, text }));
