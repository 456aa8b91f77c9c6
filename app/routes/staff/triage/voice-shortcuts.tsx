import { useEffect, useState } from 'react';
import { useNavigate } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { KeyboardShortcuts, rememberedVoiceList, type Shortcut } from '../ui/shortcuts';

// The voice page's shortcuts: the next and previous voice of the list the inbox showed last
// (kept in this tab's sessionStorage), back to that list, and the reply box.

export function VoiceShortcuts({ receiptNumber }: { receiptNumber: string }) {
  const { t } = useT();
  const navigate = useNavigate();
  const [list, setList] = useState<{ href: string; receipts: string[] } | null>(null);
  useEffect(() => setList(rememberedVoiceList()), [receiptNumber]);
  const at = list ? list.receipts.indexOf(receiptNumber) : -1;
  const go = (offset: number) => () => {
    const next = list && at >= 0 ? list.receipts[at + offset] : undefined;
    if (next) navigate(`/staff/voices/${next}`);
  };
  const shortcuts: Shortcut[] = [
    { key: 'j', label: t('staff:shortcuts.nextVoice'), run: go(1) },
    { key: 'k', label: t('staff:shortcuts.previousVoice'), run: go(-1) },
    { key: 'u', label: t('staff:shortcuts.backToList'), run: () => navigate(list?.href ?? '/staff/inbox') },
  ];
  return (
    <div className="workspace__tools">
      {list && at >= 0 ? <p className="muted workspace__position">{t('staff:shortcuts.position', { position: at + 1, total: list.receipts.length })}</p> : null}
      <KeyboardShortcuts shortcuts={shortcuts} />
    </div>
  );
}
