import { useEffect, useState } from 'react';
import { formatDate, formatTime } from '../../i18n/format';

/** The room's clock in the region's zone; re-renders once a minute, on the minute. */
export function Clock({ timeZone }: { timeZone: string | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), 60_000 - (Date.now() % 60_000) + 50);
    return () => clearTimeout(timer);
  }, [now]);
  return (
    <div className="clock" data-testid="clock">
      <div className="clock__time">{formatTime(now, timeZone)}</div>
      <div className="clock__date">{formatDate(now, timeZone)}</div>
    </div>
  );
}
