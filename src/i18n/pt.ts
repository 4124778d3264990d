import type { Messages } from './en.js';
import type { Plural } from './plural.js';

/**
 * Portuguese copy, written for Brazil (`pt-BR`, the larger audience) and shown for every `pt-*`:
 * phrased to read naturally in Portugal too where a choice existed.
 */
export const pt = (plural: Plural): Messages => ({
  // --- shared ------------------------------------------------------------------------------
  loading: 'Carregando…',
  tryAgain: 'Tentar novamente',
  errorNetwork: 'Não foi possível acessar o servidor. Verifique sua conexão e tente novamente.',
  errorTimeout: 'O servidor demorou demais para responder. Tente novamente.',
  errorServer: 'Algo deu errado do nosso lado. Tente novamente em instantes.',
  errorRateLimited: 'Há muitas solicitações no momento. Aguarde um pouco e tente novamente.',
  errorParse: 'Recebemos uma resposta que não conseguimos ler. Tente novamente.',
  errorNotFound: 'Não encontramos esta chamada.',
  errorUnknown: 'A solicitação foi recusada:',

  // --- <ccai-schedule-call> ----------------------------------------------------------------
  scheduleLegend: 'Agendar um retorno de chamada',
  countryLabel: 'País',
  phoneLabel: 'Número de telefone',
  phoneHint: 'Ligaremos para este número.',
  dateLabel: 'Data',
  timeLabel: 'Horário',
  languageLabel: 'Idioma',
  consentLabel: 'Permitir a gravação desta chamada',
  submit: 'Agendar chamada',
  submitting: 'Agendando…',
  timeZoneNote: (zone: string) => `Os horários estão no seu fuso horário: ${zone}.`,
  noSlotsAtAll: 'Não há horários de retorno disponíveis nos próximos dias.',
  phoneRequired: 'Informe seu número de telefone.',
  phoneInvalid: 'Informe um número de telefone completo, com o código de área.',
  phoneTooShort: 'Este número de telefone é curto demais.',
  phoneTooLong: 'Este número de telefone é longo demais.',
  phoneNeedsCountry: 'Escolha um país ou comece o número com + e o código do país.',
  slotRequired: 'Escolha um horário.',
  slotPast: 'Esse horário já passou. Escolha um horário posterior.',
  slotTooSoon: (minutes: number) =>
    plural('pt', minutes, {
      one: 'Escolha um horário daqui a pelo menos # minuto.',
      many: 'Escolha um horário daqui a pelo menos # de minutos.',
      other: 'Escolha um horário daqui a pelo menos # minutos.',
    }),
  languageInvalid: 'Escolha um dos idiomas oferecidos.',
  fixErrors: 'Corrija os campos destacados.',
  serverClosed:
    'Estamos fechados agora e não podemos aceitar pedidos de retorno. Tente novamente durante o horário de atendimento.',
  serverUnavailable: 'Os retornos de chamada estão indisponíveis no momento. Tente novamente mais tarde.',
  serverLanguage: 'Este idioma não está disponível para chamadas. Escolha outro idioma.',
  serverConfig:
    'Este formulário de retorno não está configurado corretamente. Entre em contato conosco de outra forma.',
  confirmation: (when: string) => `Sua chamada está agendada para ${when}.`,
  confirmationEnded: (when: string) => `Sua chamada estava agendada para ${when}.`,
  cancelCall: 'Cancelar chamada',
  cancelling: 'Cancelando…',
  cancelled: 'Sua chamada foi cancelada.',
  notCancelled: 'Esta chamada não pode mais ser cancelada.',
  scheduleAnother: 'Agendar outra chamada',
  scheduleAccepted: 'Recebemos sua solicitação. Vamos confirmar o horário com você.',
  createTimedOut:
    'O servidor demorou demais para responder, então sua chamada talvez já esteja agendada. Se ninguém ligar no horário escolhido, agende novamente.',
  createUnreadable:
    'Não conseguimos ler a resposta do servidor, então sua chamada talvez já esteja agendada. Se ninguém ligar no horário escolhido, agende novamente.',
  createLost:
    'A conexão caiu depois que sua solicitação foi enviada, então sua chamada talvez já esteja agendada. Se ninguém ligar no horário escolhido, agende novamente.',
  createInterrupted:
    'A página foi recarregada enquanto seu agendamento era enviado, então essa chamada talvez já esteja agendada. Agende novamente só se ninguém ligar no horário escolhido.',
  keptNotFound:
    'Não encontramos mais a chamada que você agendou, então ela não pode mais ser alterada nem cancelada aqui.',
  earlierCalls: 'Você também tem estas chamadas',
  clockSkewed:
    'O relógio do seu dispositivo parece estar errado, então os horários oferecidos seguem o nosso relógio. Verifique a hora do seu dispositivo.',
  // "Call me now" (`modes`), Change time and Add to calendar.
  modeLegend: 'Quando devemos ligar para você?',
  modeNow: 'Ligue para mim agora',
  modeLater: 'Agendar para mais tarde',
  callNowSubmit: 'Ligue para mim agora',
  callingNow: 'Solicitando sua chamada…',
  waitChecking: 'Verificando o tempo de espera…',
  waitAbout: (duration: string) => `Espera estimada: cerca de ${duration}.`,
  waitUnderMinute: 'Espera estimada: menos de um minuto.',
  waitUnknown: 'Ligaremos para você assim que um atendente estiver disponível.',
  nowClosed: 'Estamos fechados agora, por isso não podemos ligar para você imediatamente.',
  nowNoAgents: 'No momento, não há ninguém disponível para atender uma chamada.',
  callNowConfirmation: 'Você está na fila. Ligaremos para você em breve.',
  changeTime: 'Alterar horário',
  changeLegend: 'Escolha um novo horário para sua chamada',
  changeSubmit: 'Remarcar minha chamada',
  changing: 'Remarcando sua chamada…',
  keepTime: 'Manter o horário atual',
  changedTo: (when: string) => `Sua chamada foi remarcada para ${when}.`,
  changeCancelling: (when: string) => `Cancelando sua chamada de ${when}…`,
  changeBothCalls: (when: string) =>
    `Sua nova chamada está agendada, mas não conseguimos cancelar sua chamada de ${when}, então agora você tem as duas chamadas.`,
  cancelOldCall: (when: string) => `Cancelar a chamada de ${when}`,
  addToCalendar: 'Adicionar à agenda',
  calendarSummary: 'Chamada da nossa equipe de suporte',
  calendarDescription: (page: string) =>
    `Ligaremos para você neste horário. Para alterar ou cancelar a chamada, acesse ${page}`,
  callNowEnded: 'Esta chamada foi encerrada.',
  changeCurrent: (when: string) => `Sua chamada está marcada para ${when}.`,

  // --- <ccai-call-status> ------------------------------------------------------------------
  statusHeading: 'Status da chamada',
  statusNames: {
    selecting: 'Escolhendo um assunto',
    queued: 'Aguardando um atendente',
    assigned: 'Um atendente foi designado',
    connecting: 'Conectando',
    connected: 'Conectada',
    finished: 'Chamada encerrada',
    failed: 'A chamada falhou',
    switching: 'Reconectando',
    recovered: 'Uma nova chamada substituiu esta',
    scheduled: 'Agendada',
    action_only: 'Em andamento',
    action_only_finished: 'Chamada encerrada',
    deflected: 'Redirecionada',
    voicemail: 'Deixando uma mensagem de voz',
    voicemail_received: 'Mensagem de voz recebida',
    voicemail_read: 'Mensagem de voz ouvida',
    cancelled: 'Cancelada',
    completed: 'Concluída',
  },
  scheduledFor: (when: string) => `Agendada para ${when}`,
  agentName: (name: string) => `Atendente: ${name}`,
  failReason: (reason: string) => `Motivo: ${reason}`,
  failReasons: {
    eu_canceled: 'a chamada foi cancelada',
    eu_rejected: 'a chamada foi recusada',
    eu_abandoned: 'desligaram antes que um atendente respondesse',
    eu_busy: 'a linha estava ocupada',
    eu_no_answer: 'ninguém atendeu',
    eu_wrong_number: 'não foi possível contatar o número',
    expired: 'nenhum atendente ficou disponível a tempo',
    unknown: 'desconhecido',
  },
  statusUnavailable: 'O status da chamada não está disponível agora.',
  statusRetrying: 'Continuaremos verificando.',

  // --- <ccai-customer-flags> ---------------------------------------------------------------
  flagsLegend: 'Indicadores do cliente',
  verifiedCustomer: 'Cliente verificado',
  badActor: 'Cliente mal-intencionado',
  repeatCustomer: 'Cliente recorrente',
  flagsSaveFailed: 'Não foi possível salvar a alteração, e ela foi desfeita.',
  flagsLoadFailed: 'Não foi possível carregar os indicadores.',
  flagsInvalidCallId: 'Este não é um ID de chamada válido.',
  statusReload: 'Não foi possível carregar o status da chamada. Recarregue a página para vê-lo.',
});
