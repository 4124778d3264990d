import type { Messages } from './en.js';
import type { Plural } from './plural.js';

/**
 * Arabic copy (Modern Standard Arabic), shown right to left. Same keys as `en.ts`; the type checker
 * keeps them in step. Counts take all six Arabic plural forms.
 */
export const ar = (plural: Plural): Messages => ({
  // --- shared ------------------------------------------------------------------------------
  loading: 'جارٍ التحميل…',
  tryAgain: 'إعادة المحاولة',
  errorNetwork: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
  errorTimeout: 'استغرق الخادم وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى.',
  errorServer: 'حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.',
  errorRateLimited: 'هناك طلبات كثيرة جدًا الآن. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
  errorParse: 'تلقّينا ردًا تعذّرت قراءته. يُرجى المحاولة مرة أخرى.',
  errorNotFound: 'تعذّر العثور على هذه المكالمة.',
  errorUnknown: 'تم رفض الطلب:',

  // --- <ccai-schedule-call> ----------------------------------------------------------------
  scheduleLegend: 'حجز معاودة اتصال',
  countryLabel: 'البلد',
  phoneLabel: 'رقم الهاتف',
  phoneHint: 'سنتصل بك على هذا الرقم.',
  dateLabel: 'التاريخ',
  timeLabel: 'الوقت',
  languageLabel: 'اللغة',
  consentLabel: 'السماح بتسجيل هذه المكالمة',
  submit: 'حجز المكالمة',
  submitting: 'جارٍ الحجز…',
  timeZoneNote: (zone: string) => `تظهر الأوقات بحسب منطقتك الزمنية: ${zone}.`,
  noSlotsAtAll: 'لا تتوفر أوقات لمعاودة الاتصال في الأيام القادمة.',
  phoneRequired: 'أدخل رقم هاتفك.',
  phoneInvalid: 'أدخل رقم هاتف كاملًا مع رمز المنطقة.',
  phoneTooShort: 'رقم الهاتف هذا قصير جدًا.',
  phoneTooLong: 'رقم الهاتف هذا طويل جدًا.',
  phoneNeedsCountry: 'اختر بلدًا، أو ابدأ الرقم بالعلامة + ورمز البلد.',
  slotRequired: 'اختر وقتًا.',
  slotPast: 'مضى هذا الوقت. اختر وقتًا لاحقًا.',
  slotTooSoon: (minutes: number) =>
    plural('ar', minutes, {
      zero: 'اختر وقتًا بعد # دقيقة على الأقل من الآن.',
      one: 'اختر وقتًا بعد دقيقة واحدة على الأقل من الآن.',
      two: 'اختر وقتًا بعد دقيقتين على الأقل من الآن.',
      few: 'اختر وقتًا بعد # دقائق على الأقل من الآن.',
      many: 'اختر وقتًا بعد # دقيقة على الأقل من الآن.',
      other: 'اختر وقتًا بعد # دقيقة على الأقل من الآن.',
    }),
  languageInvalid: 'اختر إحدى اللغات المعروضة.',
  fixErrors: 'يُرجى تصحيح الحقول المميّزة.',
  serverClosed: 'نحن مغلقون الآن ولا يمكننا استقبال طلبات معاودة الاتصال. يُرجى المحاولة مرة أخرى خلال ساعات العمل.',
  serverUnavailable: 'معاودة الاتصال غير متاحة حاليًا. يُرجى المحاولة لاحقًا.',
  serverLanguage: 'هذه اللغة غير متاحة للمكالمات. اختر لغة أخرى.',
  serverConfig: 'نموذج معاودة الاتصال هذا غير مُعدّ بشكل صحيح. يُرجى التواصل معنا بطريقة أخرى.',
  confirmation: (when: string) => `تم حجز مكالمتك في ${when}.`,
  cancelCall: 'إلغاء المكالمة',
  cancelling: 'جارٍ الإلغاء…',
  cancelled: 'تم إلغاء مكالمتك.',
  scheduleAnother: 'حجز مكالمة أخرى',
  timePlaceholder: 'اختر وقتًا',
  scheduleAccepted: 'تلقّينا طلبك. وسنؤكّد الموعد معك.',
  createTimedOut:
    'استغرق الخادم وقتًا طويلًا للرد، لذا ربما تكون مكالمتك قد حُجزت بالفعل. إن لم يتصل بك أحد في الوقت المختار، فيُرجى الحجز مرة أخرى.',
  createUnreadable:
    'تعذّرت قراءة رد الخادم، لذا ربما تكون مكالمتك قد حُجزت بالفعل. إن لم يتصل بك أحد في الوقت المختار، فيُرجى الحجز مرة أخرى.',
  clockSkewed: 'يبدو أن ساعة جهازك غير مضبوطة، لذا تتبع الأوقات المعروضة ساعتنا. يُرجى التحقق من الوقت على جهازك.',

  // --- <ccai-call-status> ------------------------------------------------------------------
  statusHeading: 'حالة المكالمة',
  statusNames: {
    selecting: 'جارٍ اختيار موضوع',
    queued: 'في انتظار موظف',
    assigned: 'تم تعيين موظف',
    connecting: 'جارٍ الاتصال',
    connected: 'متصل',
    finished: 'انتهت المكالمة',
    failed: 'فشلت المكالمة',
    switching: 'جارٍ إعادة الاتصال',
    recovered: 'حلّت مكالمة جديدة محل هذه المكالمة',
    scheduled: 'محجوزة',
    action_only: 'قيد التنفيذ',
    action_only_finished: 'انتهت المكالمة',
    deflected: 'تمت إعادة التوجيه',
    voicemail: 'جارٍ ترك رسالة صوتية',
    voicemail_received: 'تم استلام الرسالة الصوتية',
    voicemail_read: 'تم الاستماع إلى الرسالة الصوتية',
    cancelled: 'ملغاة',
    completed: 'مكتملة',
  },
  scheduledFor: (when: string) => `محجوزة في ${when}`,
  agentName: (name: string) => `الموظف: ${name}`,
  failReason: (reason: string) => `السبب: ${reason}`,
  failReasons: {
    eu_canceled: 'أُلغيت المكالمة',
    eu_rejected: 'رُفضت المكالمة',
    eu_abandoned: 'أُغلق الخط قبل أن يرد موظف',
    eu_busy: 'كان الخط مشغولًا',
    eu_no_answer: 'لم يرد أحد',
    eu_wrong_number: 'تعذّر الوصول إلى الرقم',
    expired: 'لم يتوفر موظف في الوقت المناسب',
    unknown: 'غير معروف',
  },
  statusUnavailable: 'حالة المكالمة غير متاحة الآن.',
  statusRetrying: 'سنواصل التحقق.',

  // --- <ccai-customer-flags> ---------------------------------------------------------------
  flagsLegend: 'علامات العميل',
  verifiedCustomer: 'عميل موثَّق',
  badActor: 'عميل مسيء',
  repeatCustomer: 'عميل متكرر',
  flagsSaveFailed: 'تعذّر حفظ التغيير فتم التراجع عنه.',
  flagsLoadFailed: 'تعذّر تحميل العلامات.',
  flagsInvalidCallId: 'هذا ليس معرّف مكالمة صالحًا.',
});
