// The "Atención" section: the clerk moves between the day's turnos and one request at a time.
// Esc always goes back one step; drafts are saved on the way out.
import { useState } from 'react';
import { useScrollTopOn } from '../app/main-scroll';
import { AttentionHome } from './AttentionHome';
import { RequestWorkspace } from './RequestWorkspace';

type View = { kind: 'home'; notice?: string } | { kind: 'request'; id: string; notice?: string; warning?: string };

export function CounterSection() {
  const [view, setView] = useState<View>({ kind: 'home' });
  useScrollTopOn(view.kind === 'request' ? `request:${view.id}` : 'home');
  if (view.kind === 'request') {
    return <RequestWorkspace key={view.id} id={view.id} notice={view.notice ?? null} warning={view.warning ?? null} onBack={(notice) => setView({ kind: 'home', ...(notice ? { notice } : {}) })} />;
  }
  return <AttentionHome notice={view.notice ?? null} onOpen={(id, notice, warning) => setView({ kind: 'request', id, ...(notice ? { notice } : {}), ...(warning ? { warning } : {}) })} />;
}
