import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { Survey } from '../../api/resources';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { ServiceBadge } from './shared';

/** A facility survey: the three JMP service levels as coloured badges and the main figures. */
export function SurveySummary({ survey: s }: { survey: Survey }) {
  const { t } = useI18n();
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const rows: [string, string][] = [
    [t('survey.classrooms'), t('survey.classroomsValue', { solid: formatNumber(s.classroomsSolid), semi: formatNumber(s.classroomsSemiSolid), temp: formatNumber(s.classroomsTemporary), lacking: formatNumber(s.classroomsLacking) })],
    [t('survey.subjectRooms'), t('survey.subjectRoomsValue', { n: formatNumber(s.subjectRooms), lacking: formatNumber(s.subjectRoomsLacking) })],
    [t('survey.toilets'), t('survey.toiletsValue', { total: formatNumber(s.toiletsTotal), standard: formatNumber(s.toiletsStandard) })],
    [t('survey.field.waterSource'), t(`survey.water.${s.waterSource}`)],
    [t('survey.field.handwashing'), t(`survey.handwashing.${s.handwashing}`)],
    [t('survey.field.electricity'), t(`survey.electricity.${s.electricity}`)],
    [t('survey.field.roadAccess'), t(`survey.road.${s.roadAccess}`)],
    [t('survey.boarding'), t('survey.boardingValue', { b: formatNumber(s.boardingPlaces), sb: formatNumber(s.semiBoardingPlaces) })],
    [t('survey.field.kitchen'), yes(s.kitchen)],
    [t('survey.field.teachingEquipment'), t(`survey.equipment.${s.teachingEquipment}`)],
    [t('survey.field.computers'), formatNumber(s.computers)],
    [t('survey.field.internet'), yes(s.internet)],
  ];
  return (
    <Stack gap="sm" maw={760} data-testid="survey-summary" data-school-year={s.schoolYear}>
      <Text size="sm">
        {t('survey.schoolYear')}: <b>{s.schoolYear}</b>
      </Text>
      <Group gap="xs" wrap="wrap" data-testid="survey-levels">
        <ServiceBadge level={s.waterService} label={t('survey.service.water')} />
        <ServiceBadge level={s.sanitationService} label={t('survey.service.sanitation')} />
        <ServiceBadge level={s.hygieneService} label={t('survey.service.hygiene')} />
      </Group>
      <Table.ScrollContainer minWidth={300} type="native">
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" fw={500} c="dimmed" w="45%">
                  {k}
                </Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {s.note && <Text size="sm">{s.note}</Text>}
    </Stack>
  );
}

export function LevelLegend() {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
      {(['basic', 'limited', 'none'] as const).map((l) => (
        <Group key={l} gap={6} wrap="nowrap">
          <ServiceBadge level={l} />
          <Text size="xs" c="dimmed">
            {t(`survey.levelHelp.${l}`)}
          </Text>
        </Group>
      ))}
    </SimpleGrid>
  );
}
