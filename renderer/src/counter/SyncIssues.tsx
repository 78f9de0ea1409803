// What central refused about a request, on the request itself (a conflict is shown to
// the clerk with its reason, never swallowed). The sync screen lists the same items for all.
import { Alert, AlertTitle, Box } from '@mui/material';
import type { RequestDetail } from '../../../shared/contract/counter';
import { formatDateTimeEs } from '../../../shared/domain/dates';

export function SyncIssues({ issues }: { issues: RequestDetail['syncIssues'] }) {
  if (issues.length === 0) return null;
  return (
    <Alert severity="error" role="alert" aria-label="Avisos de sincronización" sx={{ mb: 1.5 }}>
      <AlertTitle sx={{ fontWeight: 700 }}>
        {issues.length === 1 ? 'El IESS no aceptó un cambio de esta solicitud' : `El IESS no aceptó ${issues.length} cambios de esta solicitud`}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {issues.map((issue, i) => (
          <li key={`${issue.at}-${i}`}>
            {issue.at > 0 && `${formatDateTimeEs(issue.at)} · `}
            {issue.message}
          </li>
        ))}
      </Box>
      El estado que se ve aquí puede no coincidir con el del IESS: consulte al supervisor o a soporte antes de seguir.
    </Alert>
  );
}
