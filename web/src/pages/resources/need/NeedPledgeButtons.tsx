import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { NeedDetail } from '../../../api/resources';
import { signInHref } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { Link } from '../../../lib/router';
import { canEditNeed, canPledge, canRecordForNeed } from '../permissions';
import { PledgeModal } from './PledgeModal';

/** Pledge (a donor; signed out: sign in or register first), record on a donor's behalf, edit. */
export function NeedButtons({ n, onPledged }: { n: NeedDetail; onPledged: (contributionId: string) => void }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [pledging, setPledging] = useState(false);
  const [askSignIn, setAskSignIn] = useState(false);
  return (
    <Group gap="xs" wrap="wrap">
      {n.pledgeVetting && (
        // a donor not yet vetted is told before any form, not refused after filling it
        <Alert color={n.pledgeVetting === 'rejected' ? 'red' : 'yellow'} title={t('pledge.vettingTitle')} data-testid="pledge-vetting" data-vetting={n.pledgeVetting}>
          {t(n.pledgeVetting === 'rejected' ? 'pledge.vettingRejected' : 'pledge.vettingPending')}
        </Alert>
      )}
      {canPledge(n, auth) && (
        <Button size="md" color="pink" onClick={() => (auth.user ? setPledging(true) : setAskSignIn(true))} data-testid="pledge-button">
          {t('pledge.button')}
        </Button>
      )}
      {canRecordForNeed(n) && (
        <Button size="md" variant="light" color="pink" component={Link} href={`/dong-gop/ghi-nhan?needId=${encodeURIComponent(n.id)}`} data-testid="record-open">
          {t('record.onBehalf')}
        </Button>
      )}
      {canEditNeed(n) && (
        <Button variant="default" component={Link} href={`/nhu-cau/${n.id}/sua`} data-testid="need-edit">
          {t('need.edit')}
        </Button>
      )}
      {pledging && (
        <PledgeModal
          need={n}
          onClose={() => setPledging(false)}
          onDone={(cid) => {
            setPledging(false);
            notifications.show({ color: 'blue', message: t('pledge.next'), autoClose: 8000 });
            onPledged(cid);
          }}
        />
      )}
      <Modal opened={askSignIn} onClose={() => setAskSignIn(false)} title={t('pledge.signInTitle')}>
        <Stack>
          <Text size="sm">{t('pledge.signInText')}</Text>
          <Group>
            <Button component={Link} href={signInHref()} data-testid="pledge-signin">
              {t('nav.signIn')}
            </Button>
            <Button component={Link} href={`/nha-tai-tro/dang-ky?tiep=${encodeURIComponent(`/nhu-cau/${n.id}`)}`} variant="light" data-testid="pledge-register">
              {t('donor.register.title')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

/** "Pledge recorded" with a link to the new contribution. */
export function PledgeSuccess({ contributionId, onClose }: { contributionId: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Alert color="green" withCloseButton onClose={onClose} data-testid="pledge-success">
      <Group gap="xs" wrap="wrap">
        <Text size="sm">{t('pledge.done')}</Text>
        <Anchor component={Link} href={`/dong-gop/${contributionId}`} size="sm" data-testid="pledge-open">
          {t('pledge.openContribution')}
        </Anchor>
      </Group>
    </Alert>
  );
}
