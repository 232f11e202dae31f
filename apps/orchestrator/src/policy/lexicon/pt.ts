import type { CueLexicon } from './types.ts';
import { LANGUAGE_NAMES } from './languageNames.ts';

const SPOKEN = LANGUAGE_NAMES.pt;

const KID = 'filho|filha|crianca|bebe|neto|neta|filhos';
const CANT = 'nao_consigo|nao_posso';

/** Portuguese escalation cues (Brazilian and European usage; whole words, accents normalised). */
export const pt: CueLexicon = {
  code: 'pt',
  segmentation: 'spaced',
  neutral: [
    // document names with a trigger word: the clearance certificate (certidão negativa de débitos) (dev3 lookalike, 2026-12-06)
    'certidao|certidoes negativa|negativas de? debito|debitos|dividas?',
    'nada consta',
    // safety words in routine matters: devices, drills, blood tests, licences, idioms (training-set lookalikes, 2026-12-05)
    'jogar_fora|jogo_fora|descartar|descarto * faca|facas',
    'detector|detectores de fumaca',
    'doar|doacao de? sangue',
    'exame|exames de sangue',
    'quase tive|me deu|me da um infarto|ataque',
    'simulado de incendio',
    'vistoria dos|de bombeiros',
    'caiu como uma bomba',
    'sangrando dinheiro',
    'registro da|de minha? arma',
    'debito|debitos automatico|automaticos',
    'mobilidade reduzida',
    'saida|saidas de emergencia|incendio',
    'contato|contacto|telefone de emergencia',
    'seguro|plano de saude|medico|incendio',
    'auxilio|abono|beneficio|subsidio * crianca|infantil|familia|familiar|filhos',
    'achados e perdidos',
    'cancelar|remarcar|mudar * agendamento|consulta|reserva|horario|marcacao',
    'sem problema|problemas',
    'nao tem problema',
  ],
  // Requests for a person: `src/intake/lexicon/requestPerson.ts` (shared with the intake engine).
  requestPerson: [
    // um atendente descrito, depois perguntado ("E o senhor Rui, que trata dos atestados, ainda cá
    // está?"; dev8, 2026-12-07)
    're:(?<presence> (?:o senhor|a senhora|seu|dona|o moco|a moca|a atendente|o atendente|o funcionario|a funcionaria) (?:\\S+ ){0,25}?(?:ainda (?:(?:ele|ela) )?(?:ca esta|esta ca|esta aqui|esta ai|ta ai|esta hoje|esta de servico)|(?:ele|ela) (?:ainda )?(?:esta|ta) (?:ca|aqui|ai|hoje|de servico|trabalhando)|(?:ele|ela) veio hoje) )',
    // someone who speaks a named language (dev4 misses, 2026-12-06): languageNames.ts
    `re: (?:alguem|alguma pessoa|algum funcionario|alguma funcionaria|algum atendente|alguma atendente|pessoal|gente|algum servidor|alguma servidora)(?: \\S+){0,4} (?:fala|fale|falam|falem|falando|saiba|saibam) (?:o )?(?:${SPOKEN}) `,
    `re: (?:interprete|tradutor|tradutora)s? (?:de |em |que fale )?(?:${SPOKEN}) `,
  ],
  negativeFeedback: [
    'nao|nao_me ajudou|ajuda|serviu|resolveu|resolve|adiantou',
    'nao e|era|foi isso o? que * perguntei|queria|pedi|disse',
    'nao entendeu|entende|entendeu_nada',
    'resposta errada',
    'inutil',
    'ja perguntei|disse|falei',
    'ainda nao entendi|resolvi|funciona',
    'to|estou|eu_to perguntando',
    'o que eu pergunto|perguntei|estou_perguntando',
    // The reply was wrong ("that's not right", "I asked about X"), added 2026-12-05 with nearest-example answers.
    'nao e isso|certo|correto',
    'esta errado',
    'perguntei sobre|por|onde|quando',
    // a correction right after a reply: "no, not the collection day, the stickers" (dev4 repeated-failure misses, 2026-12-06)
    'nao * eu perguntei|falei|quis_dizer|to_perguntando|estou_perguntando',
  ],
  sentiment: {
    negative: [
      'decepcionado|decepcionada|insatisfeito|insatisfeita|chateado|chateada|irritado|irritada|frustrado|frustrada|frustrante|ruim|pessimo|pessima|horrivel|terrivel|complicado|demorado|droga|lento|lenta',
      'nao estou satisfeito|satisfeita|contente|feliz',
      'esperando|espero ha|faz * hora|horas|muito_tempo',
      'perda de tempo',
      'demora demais|muito',
    ],
    anger: [
      'raiva|furioso|furiosa|absurdo|absurda|ridiculo|ridicula|inaceitavel|vergonha|revoltado|revoltada|revoltante|palhacada|incompetente|incompetentes|sacanagem|descaso|indignado|indignada',
      'estou farto|farta|cansado_disso',
      'nao aguento mais',
      'que porra|merda|absurdo',
    ],
    distress: [
      'desesperado|desesperada|assustado|assustada|panico|chorando|angustiado|angustiada|aflito|aflita|apavorado|apavorada',
      'com|tenho|estou_com medo',
      'nao sei mais o que fazer',
      'nao sei o que fazer',
      // tears that will not stop, shaking hands, a blank head, cannot cope any more (dev5/dev6 grief and overwhelm, 2026-12-06)
      'nao aguento mais',
      'minhas maos * tremendo|tremem',
      'nao consigo parar de chorar|tremer',
      'nao consigo pensar direito|em_nada',
    ],
    profanity: ['porra|merda|caralho|puta|puto|foda|fodido|foder|cacete|idiota|imbecil|babaca|otario|desgraca|fdp|vsf|pqp|bosta|arrombado'],
    positive: ['obrigado|obrigada|valeu|otimo|otima|perfeito|excelente|maravilha|gentil|adorei', 'muito bom|boa|obrigado', 'ajudou muito'],
  },
  sensitive: {
    billing_dispute: [
      'cobranca|cobrancas|fatura|conta|taxa|valor|debito * errada|errado|indevida|indevido|duplicada|duplicado|a_mais|incorreta|incorreto|alta_demais',
      'cobrado|cobraram|cobrou * duas_vezes|a_mais|errado|indevidamente',
      'contestar * cobranca|fatura|taxa|valor|multa',
      'reembolso|reembolsar|estorno|estornar',
      'devolucao|devolver do|o dinheiro|valor',
      'meu dinheiro de volta',
      'problema|erro|problemas|erros com|no|na * pagamento|cobranca|fatura',
      'pagamento recusado|falhou|negado',
    ],
    complaint: [
      'reclamacao|reclamacoes|reclamar|queixa|queixar|denuncia|ouvidoria|protesto',
      'livro de reclamacoes',
      'funcionario|funcionaria|atendente|atendimento * grosso|grossa|grosseiro|grosseira|mal_educado|mal_educada|desrespeitoso|rude|pessimo',
    ],
    cancellation: [
      'cancelar|cancelamento|encerrar|encerramento|excluir|exclusao|apagar|rescindir|rescisao|desativar * contrato|pedido|compra|assinatura|conta|cadastro|inscricao|plano|servico|matricula',
      'cancelamento|encerramento|exclusao|rescisao do|da|de_um|de_uma * contrato|pedido|conta|assinatura|cadastro',
      // a marriage notice or an application already filed, withdrawn or undone (dev5/dev6 cancellation misses, 2026-12-06)
      'desistir|cancelar * casamento|processo|pedido|habilitacao|requerimento',
    ],
    account_access: [
      `${CANT} entrar|acessar|logar|fazer_login|fazer_o_login`,
      'esqueci * senha|login|usuario|pin',
      'senha * bloqueada|errada|nao_funciona',
      'conta|cadastro * bloqueada|bloqueado|invadida|hackeada|suspensa',
      'hackearam|invadiram|clonaram',
      'roubo de identidade',
    ],
    legal: [
      'advogado|advogada|processar|tribunal|justica|juiz|juiza|discriminacao|discriminado|discriminada|assedio|assediado|assediada|despejo|despejado|deportacao|ilegal|defensoria',
      'processo judicial|contra',
      'acao judicial',
      'meus direitos',
      // a fine the visitor wants to contest, told first ("multou-me … Quero contestar isto", dev16 pt-d16-e13, 2026-12-07)
      // (the match is the verb alone, so a negation in the story between them does not scope it)
      're:(?<= (?:multa|multou|multaram|multado|multada|multou-me|multaram-me)(?: \\S+){0,30} )(?:contestar|recorrer|recurso|impugnar) ',
      'guarda dos filhos',
      'boletim de ocorrencia',
    ],
    medical: [
      'estou|me_sinto|esta doente|enjoado|enjoada|tonto|tonta',
      'me sinto mal',
      'preciso|precisa de um|uma? medico|medica|hospital|remedio|remedios|medicamento|medicamentos',
      'receita medica',
      'doenca|depressao|deprimido|deprimida|cancer|diabetes|internado|internada|cirurgia|diagnostico|psiquiatra|psicologo',
      'saude mental',
    ],
    financial: [
      'divida|dividas|endividado|endividada|falencia|falido|penhora|fraude|golpe|golpista|desempregado|desempregada',
      `${CANT}|nao_tenho_como pagar * aluguel|impostos|imposto|contas|conta|dividas|taxas|multa|renda`,
      'sem dinheiro',
      'nao tenho dinheiro',
      'dificuldade|dificuldades|problemas financeira|financeiras|financeiros',
      'atrasado|atrasados|atrasadas * aluguel|impostos|contas',
    ],
  },
  safety: {
    emergency: [
      // a small child missing right now: safety, staff alerted (MISSING_CHILD_GROUP in scope.ts)
      're: (?<missingchild>(?:menino|menina|crianca|criancinha|miudo|miuda|garotinho|garotinha|pequeno|pequena)(?=(?: \\S+){0,10} (?:chorando|chora|a chorar|chorava|perdido|perdida) )(?=(?: \\S+){0,14} (?:sozinho|sozinha|sem os pais|sem ninguem|sem adulto) )) ',
      're: (?<missingchild>(?:nao encontro|nao acho|nao vejo|sumiu|desapareceu|cade|perdi de vista) (?:o |a )?(?:meu|minha|nosso|nossa) (?:filho|filha|menino|menina|crianca|neto|neta|pequeno|pequena|miudo|miuda)) ',
      're: (?<missingchild>(?:filho|filha|menino|menina|crianca|miudo|miuda)(?: \\S+){0,14} (?:nao a vejo|nao o vejo|nao a encontro|nao o encontro|sumiu|desapareceu)) ',
      'emergencia|urgencia|ambulancia|samu|bombeiros|socorro',
      'chame|chamem|chamar|liga|ligue|ligar * policia|ambulancia|bombeiros|samu|190|192|193|112',
      'pegando fogo',
      'incendio|fogo|fumaca',
      'vazamento de gas',
      'ataque cardiaco',
      'infarto|derrame|desmaiou|desmaiado|desmaiada|inconsciente|convulsao',
      'nao esta respirando',
      `${CANT} respirar`,
    ],
    threat: [
      'matar|mato|esfaquear|agredir',
      'atirar|bater em',
      'te|vou|vai matar',
      'arma|armas|faca|revolver|pistola|bomba|explosivo',
      'ameaca|ameacou|ameacando|ameacado|ameacada',
      'me seguindo|perseguindo',
      'dar|deu|dou|vai_dar uma surra',
      'espancar|espancado|espancada',
      'quebrar|arrebentar a cara',
      'violencia|violento|agredido|agredida|agressao|espancado|espancada|estupro|estuprada|assaltado|assaltada',
      'suicidio',
      'me matar',
      'quero morrer',
      'nao quero mais viver',
      'me machucar',
    ],
    injury: [
      'machucado|machucada|machuquei|ferido|ferida|ferimento|sangrando|sangue|fratura',
      'quebrei|quebrou o|a braco|perna|pulso|tornozelo',
      'eu|ele|ela|alguem cai|caiu',
      'caiu no chao',
      'tropecei|escorreguei|queimadura',
      'me queimei',
      'bateu|bati a cabeca',
      'dor no peito',
      'muita dor',
    ],
  },
  vulnerable: {
    // "só tenho uns dez por cento de vista" (dev17 pt-d17-e27, 2026-12-07)
    vision: ['re: (?:por cento|porcento|%) de (?:vista|visao) ', 'nao enxergo', `${CANT} ver|ler|enxergar bem|direito|nada|a_tela|as_letras`, 'vejo|enxergo mal', 'nao vejo bem', 'cego|cega', 'deficiente visual', 'baixa visao', 'esqueci meus? oculos', 'letra|texto muito? pequena|pequeno'],
    hearing: ['surdo|surda', 'deficiente auditivo', 'nao escuto|ouco', 'escuto|ouco mal', 'aparelho auditivo', 'libras', 'lingua de sinais'],
    mobility: ['estou|uso|ando|numa|em cadeira de rodas', `${CANT} andar|ficar_em_pe`, 'muleta|muletas|andador|bengala'],
    lost: [
      // forgot the errand, a minor stating their age or school year (dev3 vulnerable misses, 2026-12-06)
      'esqueci|nao_lembro|nao_me_lembro o_que|pra_que|para_que|que|por_que eu? vim|vinha',
      'estou perdido|perdida|perdidos', 'me perdi', 'nao sei onde estou', 'nao sei para onde ir', 'onde estou'],
    child: [
      `meu|minha ${KID} * sumiu|desapareceu|perdido|perdida|chorando|sozinho|sozinha|doente`,
      `perdi meu|minha ${KID}`,
      're: tenho (?:[5-9]|1[0-5]) anos ',
      're: tenho (?:cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quatorze|quinze) anos ',
      'sou menor de idade',
    ],
    elderly: [
      're: tenho (?:[7-9][0-9]|1[01][0-9]) anos ',
      'idoso|idosa|aposentado|aposentada|avo',
      'terceira idade',
      'nao sei usar * maquina|computador|isso|tecnologia',
    ],
    // a tremor that makes typing slow ("minha mao treme mito, é o parkinson", dev16 pt-d16-e27, 2026-12-07)
    disability: ['minha mao|maos * treme|tremem|tremendo|tremula', 'tenho|e_o|e parkinson', 'tenho|sou|com * deficiencia|deficiente', 'demencia|alzheimer|autismo|autista|cuidador|cuidadora', 'cao guia', 'cao-guia'],
    literacy: ['nao sei ler|escrever', 'analfabeto|analfabeta', 'nao entendo|falo|sei * japones|portugues|a_lingua|as_palavras|o_que_diz', 'falo|entendo pouco|pouquinho portugues', 'meu portugues * nao|ruim|fraco', 'ajuda|ajude|ajudar * preencher'],
  },
  policyException: {
    fee_waiver: ['isentar|isencao|dispensar|perdoar|cancelar * taxa|multa|juros|pagamento|tarifa', 'sem pagar', 'de graca pra|para mim', 'faz|fazer|faria|fazem|deixa|deixar|libera|liberar * de graca', 'gratis para mim'],
    deadline_extension: ['prorrogar|prorrogacao|estender|adiar * prazo|vencimento|data', 'prazo vencido|venceu|passou', 'perdi o prazo', 'mais tempo', 'entregar|pagar atrasado'],
    rule_exception: ['excecao|jeitinho', 'caso especial', 'permissao|autorizacao especial', 'so dessa|desta vez', 'furar a fila', 'passar na frente'],
    // one phrase per entry (as es; the list written as one entry never matched before 2026-12-07)
    discount: ['desconto|abatimento', 'mais barato', 'reduzir|diminuir|baixar * taxa|valor|preco|imposto|multa'],
  },
  restrictedAction: {
    refund: ['reembolso|reembolsar|estorno|estornar', 'devolver o dinheiro', 'meu dinheiro de volta', 'devolucao do valor|dinheiro'],
    record_change: ['alterar|mudar|corrigir|retificar|retificacao * registro|cadastro|certidao|dados|data_de_nascimento|sexo', 'erro no|na|nos|nas * registro|cadastro|certidao|dados', `re: (?:pode|poderia|podes|voce pode|vc pode|consegue|da pra|da para|o senhor pode|a senhora pode)(?: \\S+){0,2} (?:mudar|alterar|trocar|corrigir|atualizar|apagar|colocar|por|mudar)(?: \\S+){0,6} (?:no|do|na|da|em seu|no seu|nos) (?:sistema|computador|cadastro|registro|base de dados|ficha|conta|registros)`],
    data_deletion: ['apagar|excluir|deletar|remover|eliminar * dados|informacoes|dados_pessoais', 'direito ao esquecimento', 'lgpd'],
    identity_verification: ['procuracao|procurador', 'em nome de', 'por outra pessoa', 'sem documento|rg|identidade', 'esqueci o documento'],
    payment: ['numero|senha|codigo do cartao', 'cvv', 'pagar aqui'],
  },
};
