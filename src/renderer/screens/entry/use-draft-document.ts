/**
 * The scanned PDF of a draft (its latest document), fetched from the station for the viewer. Kept
 * apart from the draft itself: a document that is slow or fails to arrive shows in the viewer,
 * while the form stays usable.
 */
import { useEffect, useState } from 'react';
import { call, problemOf, useStation } from '../../api/context';
import { base64ToBytes } from '../../pdf/pdfjs';

export type DraftDocument =
  | { readonly state: 'loading' }
  | { readonly state: 'none' }
  | { readonly state: 'ready'; readonly bytes: Uint8Array; readonly fileName: string }
  | { readonly state: 'failed'; readonly message: string };

export function useDraftDocument(draftId: string): DraftDocument {
  const api = useStation();
  const [found, setFound] = useState<DraftDocument>({ state: 'loading' });
  useEffect(() => {
    const alive = { current: true };
    // A function, not the field: the type checker would otherwise assume it cannot change across awaits.
    const stillHere = () => alive.current;
    void (async () => {
      try {
        const docs = await call(api, 'documents:list', { draftId });
        const latest = docs[docs.length - 1];
        if (!latest) {
          if (stillHere()) setFound({ state: 'none' });
          return;
        }
        const content = await call(api, 'documents:content', { draftId, id: latest.id });
        if (stillHere())
          setFound({ state: 'ready', bytes: base64ToBytes(content.base64), fileName: content.fileName });
      } catch (error) {
        if (stillHere())
          setFound({
            state: 'failed',
            message: `The scanned document could not be opened: ${problemOf(error).message}`,
          });
      }
    })();
    return () => {
      alive.current = false;
    };
  }, [api, draftId]);
  return found;
}
