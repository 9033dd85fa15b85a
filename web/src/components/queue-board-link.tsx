import { useState } from 'react';
import { queueBoardUrl } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';

/**
 * Opens Bull Board (admins). The board is a page of its own that cannot send the token, so the
 * address carries a 60-second ticket, which the board trades for its own HttpOnly cookie.
 */
export function QueueBoardLink() {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      window.location.assign(await queueBoardUrl());
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'could not open the queue board');
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button ghost" onClick={() => void open()} disabled={busy}>
        Queue board
      </button>
      {problem && (
        <span role="alert" className="field-problem">
          {problem}
        </span>
      )}
    </>
  );
}
