import { Component, type ReactNode } from 'react';

/**
 * Catches a page that fails to render (an answer of a shape the page did not expect) and
 * says so in words; the exception goes to the console, never to the screen.
 */
export class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn('tourney: a page failed to render', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="card">
        <h1>This page could not be shown</h1>
        <p>The page met an answer from the server that it could not display. Reload to try again; the other pages still work.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </section>
    );
  }
}
