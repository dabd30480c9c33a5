/** Output names the Action declares (action.yml). */
export type OutputName = 'verdict' | 'class' | 'fingerprint' | 'fix-command';

/**
 * GITHUB_OUTPUT's text for the outputs: each `name<<DELIMITER`, the value, the delimiter, with a fresh
 * random delimiter per value (`randomId`), so a value from a log cannot end it early and set another output.
 * A value that contains its delimiter (it cannot, short of a collision) gets a new one.
 */
export function formatOutputs(outputs: Record<OutputName, string>, randomId: () => string): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    let delimiter = `ghadelimiter_${randomId()}`;
    while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomId()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return text;
}
