// A write that failed (refused, conflicting, the server away), in the words the API or the client
// gave, where the person made it.
import { Alert } from 'antd';

export function ActionError({ error, testId }: { error: Error | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={<span role="alert">{error.message}</span>}
      style={{ marginBottom: 16 }}
      data-testid={testId ?? 'action-error'}
    />
  );
}
