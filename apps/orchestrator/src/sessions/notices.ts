import { UiLanguage, type Language } from '@telekiosk/shared';

/**
 * System and assistant notices written into the transcript, in the visitor's language.
 * Keys are stable; add a language by adding a column.
 */
export const NOTICES = {
  greeting: {
    en: 'Hello! I am the Harbor City Office virtual assistant (an AI). Ask me about office hours, registration, certificates, garbage sorting or where to go. You can talk to a person at any time.',
    ja: 'こんにちは。ハーバー市役所のバーチャルアシスタント(AI)です。開庁時間、住民登録、証明書、ごみの分別、窓口の場所などをお尋ねください。いつでも職員と話すこともできます。',
    es: '¡Hola! Soy el asistente virtual (una IA) de la Oficina de Harbor City. Pregúnteme por horarios, empadronamiento, certificados, separación de basura o a dónde ir. Puede hablar con una persona en cualquier momento.',
    zh: '您好！我是港城市政府的虚拟助手（人工智能）。您可以询问办公时间、住民登记、证明书、垃圾分类或各窗口位置。您随时可以与工作人员交谈。',
  },
  visitorChoicePerson: {
    en: 'You asked to talk to a person. I am finding a staff member for you now.',
    ja: '職員との会話をご希望です。ただいま担当者をお探ししています。',
    es: 'Pidió hablar con una persona. Estoy buscando a un miembro del personal.',
    zh: '您希望与工作人员交谈。正在为您联系工作人员。',
  },
  escalating: {
    en: 'I am connecting you with a staff member. They will see our conversation, so you will not need to repeat yourself.',
    ja: '職員におつなぎします。これまでの会話は職員に伝わりますので、同じ説明を繰り返す必要はありません。',
    es: 'Le estoy conectando con un miembro del personal. Verá nuestra conversación, así que no tendrá que repetir nada.',
    zh: '正在为您转接工作人员。对方会看到我们的对话，您无需重复说明。',
  },
  workerJoined: {
    en: '{name} from Harbor City Office has joined.',
    ja: 'ハーバー市役所の{name}が対応します。',
    es: '{name}, de la Oficina de Harbor City, se ha unido.',
    zh: '港城市政府的{name}已加入。',
  },
  sessionEnded: {
    en: 'The conversation has ended. Thank you for visiting.',
    ja: '会話を終了しました。ご来庁ありがとうございました。',
    es: 'La conversación ha terminado. Gracias por su visita.',
    zh: '对话已结束。感谢您的来访。',
  },
} satisfies Record<string, Record<UiLanguage, string>>;

/** A notice in `language` (English when the UI has no catalog for it), with `{name}`-style placeholders filled from `vars`. */
export function notice(key: keyof typeof NOTICES, language: Language, vars: Record<string, string> = {}): string {
  const lang = UiLanguage.safeParse(language).success ? (language as UiLanguage) : 'en';
  return NOTICES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
